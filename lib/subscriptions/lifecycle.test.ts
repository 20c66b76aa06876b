import { describe, expect, it } from "vitest";
import { LIFECYCLE_ACTIONS, provisioningAfter, transition, type SubscriptionStatus } from "./lifecycle";

const legal: Array<[SubscriptionStatus | null, string, SubscriptionStatus]> = [
  [null, "Subscribe", "Subscribed"],
  [null, "Unsubscribe", "Unsubscribed"],
  ["PendingFulfillmentStart", "Subscribe", "Subscribed"],
  ["PendingFulfillmentStart", "Unsubscribe", "Unsubscribed"],
  ["NotStarted", "Subscribe", "Subscribed"],
  ["NotStarted", "Unsubscribe", "Unsubscribed"],
  ["Subscribed", "Subscribe", "Subscribed"],
  ["Subscribed", "ChangePlan", "Subscribed"],
  ["Subscribed", "ChangeQuantity", "Subscribed"],
  ["Subscribed", "Renew", "Subscribed"],
  ["Subscribed", "Suspend", "Suspended"],
  ["Subscribed", "Unsubscribe", "Unsubscribed"],
  ["Suspended", "Reinstate", "Subscribed"],
  ["Suspended", "Unsubscribe", "Unsubscribed"],
];

describe("subscription life cycle", () => {
  it.each(legal)("%s + %s → %s", (from, action, next) => {
    expect(transition(from, action)).toEqual({ ok: true, next });
  });

  it("refuses every other pair, naming the reason", () => {
    const statuses: Array<SubscriptionStatus | null> = [
      null,
      "NotStarted",
      "PendingFulfillmentStart",
      "Subscribed",
      "Suspended",
      "Unsubscribed",
    ];
    let refused = 0;
    for (const from of statuses) {
      for (const action of LIFECYCLE_ACTIONS) {
        if (legal.some(([f, a]) => f === from && a === action)) continue;
        const result = transition(from, action);
        expect(result.ok, `${from} + ${action}`).toBe(false);
        if (!result.ok) expect(result.message).toContain(action);
        refused++;
      }
    }
    expect(refused).toBe(6 * 7 - legal.length);
  });

  it("treats the Unsubscribed state as terminal", () => {
    for (const action of LIFECYCLE_ACTIONS) expect(transition("Unsubscribed", action).ok).toBe(false);
  });

  it("distinguishes an unknown subscription from an illegal move", () => {
    expect(transition(null, "Renew")).toMatchObject({ ok: false, code: "unknown_subscription" });
    expect(transition("Suspended", "ChangePlan")).toMatchObject({ ok: false, code: "illegal_transition" });
  });

  it("refuses actions outside the life cycle, such as Transfer", () => {
    expect(transition("Subscribed", "Transfer")).toMatchObject({ ok: false, code: "illegal_transition" });
  });

  it("maps actions to the portal's provisioning state, keeping it for plan and term changes", () => {
    expect(provisioningAfter("Subscribe", "new")).toBe("active");
    expect(provisioningAfter("Suspend", "active")).toBe("suspended");
    expect(provisioningAfter("Reinstate", "suspended")).toBe("active");
    expect(provisioningAfter("Unsubscribe", "active")).toBe("deprovisioned");
    expect(provisioningAfter("ChangePlan", "active")).toBe("active");
    expect(provisioningAfter("Renew", "suspended")).toBe("suspended");
    expect(provisioningAfter("ChangeQuantity", null)).toBe("new");
  });
});
