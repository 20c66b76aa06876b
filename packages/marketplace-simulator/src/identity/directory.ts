import { simulatorOptions } from "../options";
import { SIMULATOR_STAFF_DOMAIN, SIMULATOR_TENANT_ID } from "../constants";
import { seedPeople, seedTenants, type SeedPerson, type SeedTenant } from "../seed-data";
import { MULTI_TENANT_AUTHORITIES } from "./urls";

/** Staff live in the ISV's own tenant, SIMULATOR_TENANT_ID: the portal's staff tenant in simulator mode. */
export const ISV_TENANT: SeedTenant = {
  id: SIMULATOR_TENANT_ID,
  displayName: "ISV (publisher)",
  domain: SIMULATOR_STAFF_DOMAIN,
  market: "US",
};

export const staffPeople: SeedPerson[] = [
  staff("5e1ec7ed-0a0e-4000-8000-000000000031", "Riley", "Morgan", "owner@isv.example", "Owner"),
  staff("5e1ec7ed-0a0e-4000-8000-000000000032", "Jordan", "Lee", "operator@isv.example", "Operator"),
  staff("5e1ec7ed-0a0e-4000-8000-000000000033", "Casey", "Park", "viewer@isv.example", "Viewer"),
];

function staff(objectId: string, givenName: string, surname: string, email: string, role: string): SeedPerson {
  return {
    objectId,
    tenantId: SIMULATOR_TENANT_ID,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    email,
    jobTitle: `${role} at the ISV`,
  };
}

export function allTenants(): SeedTenant[] {
  return [ISV_TENANT, ...seedTenants];
}

export function allPeople(): SeedPerson[] {
  return [...seedPeople, ...staffPeople];
}

export function isMultiTenantAuthority(authority: string): boolean {
  return (MULTI_TENANT_AUTHORITIES as readonly string[]).includes(authority.toLowerCase());
}

/** A WEBHOOK_TENANT_ID override issues webhook tokens, so its discovery document must exist too. */
export function isKnownTenant(tenantId: string): boolean {
  const id = tenantId.toLowerCase();
  return allTenants().some((t) => t.id === id) || simulatorOptions().webhook.tenantId.toLowerCase() === id;
}

export function peopleForAuthority(authority: string): SeedPerson[] {
  if (isMultiTenantAuthority(authority)) return allPeople();
  const id = authority.toLowerCase();
  return allPeople().filter((p) => p.tenantId === id);
}

export function findPersonByEmail(email: string): SeedPerson | undefined {
  const wanted = email.trim().toLowerCase();
  return allPeople().find((p) => p.email === wanted);
}

export function findPersonByObjectId(objectId: string): SeedPerson | undefined {
  const wanted = objectId.toLowerCase();
  return allPeople().find((p) => p.objectId === wanted);
}

export function tenantName(tenantId: string): string {
  return allTenants().find((t) => t.id === tenantId.toLowerCase())?.displayName ?? tenantId;
}
