import { timingSafeEqual } from "node:crypto";
import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_SIGNIN_CLIENT_SECRET,
  SIMULATOR_TENANT_ID,
} from "../constants";

/** As Microsoft recommends: a single-tenant app for the APIs and a multi-tenant one for sign-in. */
export interface RegisteredClient {
  clientId: string;
  secret: string;
  homeTenantId: string;
  multiTenant: boolean;
  displayName: string;
}

export const REGISTERED_CLIENTS: readonly RegisteredClient[] = [
  {
    clientId: SIMULATOR_CLIENT_ID,
    secret: SIMULATOR_CLIENT_SECRET,
    homeTenantId: SIMULATOR_TENANT_ID,
    multiTenant: false,
    displayName: "Portal marketplace API client",
  },
  {
    clientId: SIMULATOR_SIGNIN_CLIENT_ID,
    secret: SIMULATOR_SIGNIN_CLIENT_SECRET,
    homeTenantId: SIMULATOR_TENANT_ID,
    multiTenant: true,
    displayName: "Portal sign-in",
  },
];

export function findClient(clientId: string): RegisteredClient | undefined {
  return REGISTERED_CLIENTS.find((c) => c.clientId.toLowerCase() === clientId.toLowerCase());
}

export function secretMatches(client: RegisteredClient, secret: string): boolean {
  const a = Buffer.from(client.secret);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function clientServesAuthority(client: RegisteredClient, authority: string): boolean {
  return client.multiTenant || authority.toLowerCase() === client.homeTenantId;
}
