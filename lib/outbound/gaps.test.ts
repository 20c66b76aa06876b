import { describe, expect, it } from "vitest";
import { eventTypeFor } from "./event-types";
import { trackGaps } from "./gaps";

const now = new Date("2026-03-01T10:00:00Z");
const earlier = "2026-03-01T09:59:00.000Z";

describe("audit cursor gaps", () => {
  it("moves to the highest id read and remembers the ids it skipped", () => {
    expect(trackGaps(10, [], [11, 12, 15, 16, 19], now)).toEqual({
      lastAuditId: 19,
      gaps: [
        { from: 13, to: 14, seenAt: now.toISOString() },
        { from: 17, to: 18, seenAt: now.toISOString() },
      ],
    });
  });

  it("fills gaps as their ids turn up, keeping when each was first seen", () => {
    const gaps = [{ from: 13, to: 17, seenAt: earlier }];
    expect(trackGaps(20, gaps, [14, 16, 21], now)).toEqual({
      lastAuditId: 21,
      gaps: [
        { from: 13, to: 13, seenAt: earlier },
        { from: 15, to: 15, seenAt: earlier },
        { from: 17, to: 17, seenAt: earlier },
      ],
    });
    expect(trackGaps(20, [{ from: 13, to: 13, seenAt: earlier }], [13], now)).toEqual({ lastAuditId: 20, gaps: [] });
  });

  it("stays put when nothing was read", () => {
    expect(trackGaps(7, [], [], now)).toEqual({ lastAuditId: 7, gaps: [] });
  });
});

describe("audit actions as outbound events", () => {
  const status = (from: string | null, to: string) => ({ status: { from, to } });
  it.each([
    ["subscription.activated", {}, "subscription.activated"],
    ["subscription.subscribed", status("PendingFulfillmentStart", "Subscribed"), "subscription.activated"],
    // The landing page activated it first: Microsoft's Subscribe changes nothing more.
    ["subscription.subscribed", {}, null],
    ["subscription.plan_changed", { planId: { from: "silver", to: "gold" } }, "subscription.changed"],
    ["subscription.quantity_changed", { quantity: { from: 5, to: 10 } }, "subscription.changed"],
    ["subscription.plan_changed", {}, null],
    ["subscription.unsubscribed", status("Subscribed", "Unsubscribed"), "subscription.cancelled"],
    ["subscription.renewed", { termEndDate: { from: "2026-03-01", to: "2027-03-01" } }, "subscription.renewed"],
    [
      "subscription.renewed",
      { isFreeTrial: { from: true, to: false }, termEndDate: { from: "a", to: "b" } },
      "subscription.trial_converted",
    ],
    ["operation.rejected", {}, "subscription.change_rejected"],
    ["subscription.confirmed", { provisioningState: { from: "new", to: "awaiting_approval" } }, "subscription.pending"],
    ["subscription.confirmed", { provisioningState: { from: "new", to: "activating" } }, null],
    ["subscription.purchased", status(null, "PendingFulfillmentStart"), "subscription.created"],
    ["subscription.imported", status(null, "Subscribed"), "subscription.created"],
    ["subscription.drift_accepted", status("Subscribed", "Unsubscribed"), "subscription.cancelled"],
    ["subscription.drift_healed", status("Suspended", "Subscribed"), "subscription.reinstated"],
    ["subscription.drift_accepted", { quantity: { from: 5, to: 6 } }, "subscription.changed"],
    ["subscription.drift_accepted", { isFreeTrial: { from: true, to: false } }, "subscription.trial_converted"],
    ["subscription.drift_accepted", { autoRenew: { from: true, to: false } }, "subscription.updated"],
    ["subscription.converged", { beneficiaryEmail: { from: "a@x.example", to: "b@x.example" } }, "subscription.updated"],
    ["subscription.converged", {}, null],
    ["usage.expiry_warning", {}, "usage.near_expiry"],
    ["webhook.dead_lettered", {}, "webhook.dead_lettered"],
    ["webhook.verification_failed", {}, null],
    ["credential.expiry_warning", {}, "credential.expiring"],
    ["subscription.plan_change_requested", {}, null],
    ["staff.added", {}, null],
  ])("%s %j → %s", (action, changes, expected) => {
    expect(eventTypeFor({ action, changes })).toBe(expected);
  });
});
