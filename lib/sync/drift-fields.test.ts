import { describe, expect, it } from "vitest";
import type { Subscription } from "@/db/schema";
import { subscriptionValues } from "@/lib/subscriptions/from-marketplace";
import type { MarketplaceSubscription } from "@/lib/marketplace";
import { acceptedValues, compareSubscription } from "./drift-fields";
import { planPage } from "./sync-page";

const remote: MarketplaceSubscription = {
  id: "3A0F2C1E-0000-4000-8000-000000000001",
  name: "Contoso",
  offerId: "contoso-analytics",
  planId: "starter",
  status: "Subscribed",
  purchaser: {
    email: "Alex@Contoso.example",
    tenantId: "c0a70500-0000-4000-8000-000000000001",
    objectId: "0b1c5e9e-0000-4000-8000-00000000a1e1",
    puid: "1",
  },
  term: { termUnit: "P1M", startDate: "2026-01-01T00:00:00", endDate: "2026-01-31T00:00:00Z" },
  autoRenew: true,
  isTest: false,
  isFreeTrial: false,
  allowedCustomerOperations: ["Delete", "Read", "Update"],
};
const now = new Date("2026-01-15T10:00:00Z");
const asStored = (over: Partial<Subscription> = {}): Subscription =>
  ({
    ...subscriptionValues(remote, { status: "Subscribed", now }),
    provisioningState: "active",
    activatedAt: now,
    ...over,
  }) as Subscription;

describe("drift between our row and Microsoft's", () => {
  it("ignores e-mail casing, the order of customer operations and zone-less dates Microsoft sends as UTC", () => {
    const local = asStored({
      purchaserEmail: "alex@contoso.example",
      allowedCustomerOperations: ["Read", "Update", "Delete"],
      termStartDate: new Date("2026-01-01T00:00:00Z"),
    });
    expect(compareSubscription(local, subscriptionValues(remote, { status: "Subscribed", now }))).toEqual([]);
  });

  it("reports each differing field with both values as JSON", () => {
    const local = asStored({ planId: "professional", quantity: 3, termEndDate: new Date("2026-02-28T00:00:00Z") });
    expect(compareSubscription(local, subscriptionValues(remote, { status: "Subscribed", now }))).toEqual([
      { field: "planId", local: "professional", marketplace: "starter" },
      { field: "quantity", local: 3, marketplace: null },
      { field: "termEndDate", local: "2026-02-28T00:00:00.000Z", marketplace: "2026-01-31T00:00:00.000Z" },
    ]);
  });

  it("plans imports with the portal state Microsoft's status implies, and drift for known rows", () => {
    const plan = planPage(
      [asStored({ status: "Suspended", provisioningState: "suspended" })],
      [remote, { ...remote, id: "3a0f2c1e-0000-4000-8000-000000000002", status: "Unsubscribed" }],
      "run-1",
      now,
    );
    expect(plan.rows.map((r) => [r.id, r.provisioningState])).toEqual([
      ["3a0f2c1e-0000-4000-8000-000000000001", undefined],
      ["3a0f2c1e-0000-4000-8000-000000000002", "deprovisioned"],
    ]);
    expect(plan.drifts).toEqual([
      {
        subscriptionId: "3a0f2c1e-0000-4000-8000-000000000001",
        field: "status",
        localValue: "Suspended",
        marketplaceValue: "Subscribed",
        runId: "run-1",
      },
    ]);
    expect(plan.driftedIds.size).toBe(1);
  });

  it("turns accepted JSON values back into column values and reactivates access on Subscribed", () => {
    const local = asStored({ status: "Suspended", provisioningState: "suspended" });
    const values = acceptedValues(
      local,
      [
        { field: "status", local: "Suspended", marketplace: "Subscribed" },
        { field: "termEndDate", local: null, marketplace: "2026-03-01T00:00:00.000Z" },
      ],
      now,
    );
    expect(values).toEqual({ status: "Subscribed", termEndDate: new Date("2026-03-01T00:00:00Z"), provisioningState: "active" });
  });
});
