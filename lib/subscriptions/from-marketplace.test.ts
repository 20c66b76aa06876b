import { describe, expect, it } from "vitest";
import type { MarketplaceSubscription } from "@/lib/marketplace";
import { subscriptionValues } from "./from-marketplace";

const remote = (over: Partial<MarketplaceSubscription> = {}): MarketplaceSubscription => ({
  id: "37F9DEA2-4345-438F-B0BD-03D40D28C7E0",
  name: "Contoso Analytics",
  publisherId: "contoso",
  offerId: "contoso-analytics",
  planId: "starter",
  quantity: 5,
  status: "PendingFulfillmentStart",
  purchaser: {
    email: "Alex@Contoso.Example",
    objectId: "C0A70500-A1E0-4000-8000-000000000011",
    tenantId: "C0A70500-0000-4000-8000-000000000001",
    puid: "10037FFE8B3E8D0C",
  },
  beneficiary: {
    email: "KIM@fabrikam.example",
    objectId: "fab51ca0-c1a0-4000-8000-000000000021",
    tenantId: "fab51ca0-0000-4000-8000-000000000002",
  },
  term: { termUnit: "P1M", startDate: "2026-03-01T00:00:00", endDate: "0001-01-01T00:00:00" },
  autoRenew: false,
  isTest: true,
  isFreeTrial: false,
  allowedCustomerOperations: ["Read"],
  sandboxType: "Csp",
  sessionMode: "DryRun",
  created: "2026-02-28T10:11:12+01:00",
  ...over,
});

describe("subscriptionValues: the one mapping of Microsoft's subscription to a row", () => {
  const now = new Date("2026-03-02T00:00:00Z");

  it("lowercases GUIDs, the subscription ID and e-mail", () => {
    const v = subscriptionValues(remote(), { now });
    expect(v).toMatchObject({
      id: "37f9dea2-4345-438f-b0bd-03d40d28c7e0",
      purchaserEmail: "alex@contoso.example",
      purchaserObjectId: "c0a70500-a1e0-4000-8000-000000000011",
      purchaserTenantId: "c0a70500-0000-4000-8000-000000000001",
      purchaserPuid: "10037FFE8B3E8D0C",
      beneficiaryEmail: "kim@fabrikam.example",
      beneficiaryObjectId: "fab51ca0-c1a0-4000-8000-000000000021",
      beneficiaryPuid: null,
      lastSyncedAt: now,
    });
  });

  it("drops identities that are not GUIDs and missing people", () => {
    const v = subscriptionValues(remote({ purchaser: { email: " ", objectId: "not-a-guid", tenantId: "" }, beneficiary: undefined }));
    expect(v).toMatchObject({
      purchaserEmail: null,
      purchaserObjectId: null,
      purchaserTenantId: null,
      beneficiaryEmail: null,
      beneficiaryTenantId: null,
    });
  });

  it("reads dates without a zone as UTC and Microsoft's 0001-01-01 as no date", () => {
    const v = subscriptionValues(remote());
    expect(v.termStartDate).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(v.termEndDate).toBeNull();
    expect(v.marketplaceCreatedAt).toEqual(new Date("2026-02-28T09:11:12Z"));
    expect(subscriptionValues(remote({ term: undefined, created: "garbage" }))).toMatchObject({
      termStartDate: null,
      termEndDate: null,
      termUnit: null,
      marketplaceCreatedAt: null,
    });
  });

  it("stores seats as a whole number, or null without seats", () => {
    expect(subscriptionValues(remote({ quantity: 7.9 })).quantity).toBe(7);
    expect(subscriptionValues(remote({ quantity: undefined })).quantity).toBeNull();
    expect(subscriptionValues(remote({ quantity: Number.NaN })).quantity).toBeNull();
  });

  it("takes Microsoft's status unless the life-cycle table decided one", () => {
    expect(subscriptionValues(remote()).status).toBe("PendingFulfillmentStart");
    expect(subscriptionValues(remote(), { status: "Subscribed" }).status).toBe("Subscribed");
  });

  it("keeps known enum values and defaults unknown ones", () => {
    expect(subscriptionValues(remote())).toMatchObject({
      termUnit: "P1M",
      sandboxType: "Csp",
      sessionMode: "DryRun",
      autoRenew: false,
      isTest: true,
    });
    const odd = subscriptionValues(
      remote({ term: { termUnit: "P7D" }, sandboxType: "Other", sessionMode: undefined, autoRenew: undefined }),
    );
    expect(odd).toMatchObject({ termUnit: null, sandboxType: "None", sessionMode: "None", autoRenew: true });
  });
});
