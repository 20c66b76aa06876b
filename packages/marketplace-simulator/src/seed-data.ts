import type { NewSimOffer, NewSimPlan, SimBillingTerm } from "./schema";

// Buyers here are also the simulated sign-in's people, so whoever buys can sign in on the landing page.

export interface SeedTenant {
  id: string;
  displayName: string;
  domain: string;
  /** Reported as Plan.market for purchases from this tenant. */
  market: string;
}

export interface SeedPerson {
  objectId: string;
  tenantId: string;
  displayName: string;
  givenName: string;
  surname: string;
  email: string;
  jobTitle: string;
}

export const CONTOSO_TENANT_ID = "c0a70500-0000-4000-8000-000000000001";
export const FABRIKAM_TENANT_ID = "fab51ca0-0000-4000-8000-000000000002";

export const seedTenants: SeedTenant[] = [
  { id: CONTOSO_TENANT_ID, displayName: "Contoso", domain: "contoso.example", market: "US" },
  { id: FABRIKAM_TENANT_ID, displayName: "Fabrikam", domain: "fabrikam.example", market: "GB" },
];

export const seedPeople: SeedPerson[] = [
  {
    objectId: "c0a70500-a1e0-4000-8000-000000000011",
    tenantId: CONTOSO_TENANT_ID,
    displayName: "Alex Wilber",
    givenName: "Alex",
    surname: "Wilber",
    email: "alex@contoso.example",
    jobTitle: "IT Manager",
  },
  {
    objectId: "c0a70500-5a30-4000-8000-000000000012",
    tenantId: CONTOSO_TENANT_ID,
    displayName: "Sam Taylor",
    givenName: "Sam",
    surname: "Taylor",
    email: "sam@contoso.example",
    jobTitle: "Procurement Lead",
  },
  {
    objectId: "fab51ca0-c1a0-4000-8000-000000000021",
    tenantId: FABRIKAM_TENANT_ID,
    displayName: "Kim Akers",
    givenName: "Kim",
    surname: "Akers",
    email: "kim@fabrikam.example",
    jobTitle: "Head of Operations",
  },
];

export function findSeedPerson(email: string): SeedPerson | undefined {
  const wanted = email.trim().toLowerCase();
  return seedPeople.find((p) => p.email === wanted);
}

export function findSeedTenant(tenantId: string): SeedTenant | undefined {
  return seedTenants.find((t) => t.id === tenantId.toLowerCase());
}

/** The private offer Fabrikam's negotiated plan is sold through (`sourceOffers[].externalId`). */
export const FABRIKAM_PRIVATE_OFFER_ID = "fab51ca0-0ff0-4000-8000-0000000000f1";

const term = (
  termUnit: SimBillingTerm["termUnit"],
  price: number,
  termDescription: string,
  included: SimBillingTerm["meteredQuantityIncluded"] = [],
): SimBillingTerm => ({
  termUnit,
  price,
  currency: "USD",
  termDescription,
  meteredQuantityIncluded: included,
});

const apiCalls = { id: "api-calls", displayName: "API calls (per 1,000)", unitOfMeasure: "1000 calls", pricePerUnit: 0.5, currency: "USD" };
const storage = { id: "storage-gb", displayName: "Storage (GB-month)", unitOfMeasure: "GB", pricePerUnit: 0.1, currency: "USD" };

export const seedOffers: NewSimOffer[] = [
  {
    id: "contoso-analytics",
    displayName: "Contoso Analytics",
    description: "Dashboards and reports for your sales data, billed per tenant.",
    isPricePerSeat: false,
    position: 0,
  },
  {
    id: "contoso-teamwork",
    displayName: "Contoso Teamwork",
    description: "Shared boards and chat for teams, billed per user.",
    isPricePerSeat: true,
    position: 1,
  },
];

type SeedPlan = Omit<NewSimPlan, "isPricePerSeat" | "offerId">;

const analyticsPlans: SeedPlan[] = [
  {
    planId: "starter",
    displayName: "Starter",
    description: "Five dashboards and daily refresh. One-month free trial.",
    hasFreeTrials: true,
    recurrentBillingTerms: [term("P1M", 49, "1 month subscription"), term("P1Y", 470, "1 year subscription")],
  },
  {
    planId: "professional",
    displayName: "Professional",
    description: "Unlimited dashboards, hourly refresh and the REST API; API calls and storage above the allowance are metered.",
    recurrentBillingTerms: [
      term("P1M", 199, "1 month subscription", [{ dimensionId: "api-calls", units: "100" }]),
      term("P1Y", 1990, "1 year subscription", [{ dimensionId: "api-calls", units: "1200" }]),
    ],
    meteringDimensions: [apiCalls, storage],
  },
  {
    planId: "enterprise",
    displayName: "Enterprise",
    description: "Dedicated capacity, SSO enforcement and a 99.9% SLA, on one- or three-year terms.",
    recurrentBillingTerms: [term("P1Y", 9900, "1 year subscription"), term("P3Y", 27000, "3 year subscription")],
    meteringDimensions: [apiCalls],
  },
  {
    planId: "fabrikam-enterprise",
    displayName: "Enterprise (Fabrikam agreement)",
    description: "Negotiated enterprise terms for Fabrikam.",
    isPrivate: true,
    allowedTenantIds: [FABRIKAM_TENANT_ID],
    privateOfferId: FABRIKAM_PRIVATE_OFFER_ID,
    recurrentBillingTerms: [term("P1Y", 7900, "1 year subscription"), term("P3Y", 21000, "3 year subscription")],
  },
  {
    planId: "legacy-basic",
    displayName: "Basic (retired)",
    description: "No longer sold; existing subscriptions keep it.",
    isStopSell: true,
    recurrentBillingTerms: [term("P1M", 29, "1 month subscription")],
  },
];

const teamworkPlans: SeedPlan[] = [
  {
    planId: "team",
    displayName: "Team",
    description: "Boards and chat for up to 300 users. One-month free trial.",
    hasFreeTrials: true,
    minQuantity: 1,
    maxQuantity: 300,
    recurrentBillingTerms: [term("P1M", 8, "1 month subscription, per user"), term("P1Y", 80, "1 year subscription, per user")],
  },
  {
    planId: "business",
    displayName: "Business",
    description: "Everything in Team plus compliance exports, from 5 users.",
    minQuantity: 5,
    maxQuantity: 5000,
    recurrentBillingTerms: [
      term("P1M", 15, "1 month subscription, per user"),
      term("P1Y", 150, "1 year subscription, per user"),
      term("P3Y", 420, "3 year subscription, per user"),
    ],
  },
];

export const seedPlans: NewSimPlan[] = [
  ...analyticsPlans.map((p, i) => ({ ...p, offerId: "contoso-analytics", isPricePerSeat: false, position: i })),
  ...teamworkPlans.map((p, i) => ({ ...p, offerId: "contoso-teamwork", isPricePerSeat: true, position: i })),
];
