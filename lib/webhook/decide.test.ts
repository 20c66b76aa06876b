import { describe, expect, it } from "vitest";
import type { ChangeDecisionContext } from "@/db/queries/operations";
import { evaluateChange, lowestPrice, needsDecision } from "./decide";
import { parseNotification } from "./payload";

const plan = (prices: number[], minQuantity: number | null = null, maxQuantity: number | null = null) => ({
  billingTerms: prices.map((price, i) => ({ termUnit: i ? "P1Y" : "P1M", price, currency: "USD" })),
  minQuantity,
  maxQuantity,
});

function ctx(
  overrides: Partial<ChangeDecisionContext> = {},
  sub: Partial<ChangeDecisionContext["subscription"]> = {},
): ChangeDecisionContext {
  return {
    subscription: { id: "s", offerId: "o", planId: "gold", quantity: 10, status: "Subscribed", provisioningState: "active", ...sub },
    policy: "accept_all",
    current: plan([50, 500], 5, 20),
    requested: plan([20, 200], 1, 8),
    ...overrides,
  };
}
const toPlan = (planId: string) => ({ action: "ChangePlan", planId, quantity: null });
const toQuantity = (quantity: number) => ({ action: "ChangeQuantity", planId: null, quantity });

describe("the 10-second change decision", () => {
  it("takes the lowest price over all billing terms", () => {
    expect(lowestPrice(plan([50, 500, 45]).billingTerms)).toBe(45);
    expect(lowestPrice([])).toBeNull();
  });

  it("accepts everything under accept_all once provisioning is finished", () => {
    expect(evaluateChange(ctx(), toPlan("bronze"))).toMatchObject({ accept: true });
    expect(evaluateChange(ctx(), toQuantity(100))).toMatchObject({ accept: true });
  });

  it("accepts a change for a subscription the portal does not know yet (Microsoft never retries a 4xx)", () => {
    expect(evaluateChange(undefined, toPlan("bronze"))).toMatchObject({ accept: true, reason: expect.stringMatching(/not yet known/) });
  });

  it.each(["new", "awaiting_approval", "activating", "activation_failed", "suspended", "deprovisioned"] as const)(
    "always refuses while provisioning is %s",
    (state) => {
      expect(evaluateChange(ctx({}, { provisioningState: state }), toPlan("platinum"))).toMatchObject({
        accept: false,
        reason: expect.stringContaining(state),
      });
    },
  );

  it("accepts Microsoft's revert to the current value whatever the state", () => {
    expect(evaluateChange(ctx({}, { provisioningState: "activating" }), toPlan("gold"))).toMatchObject({ accept: true });
    expect(evaluateChange(ctx({ policy: "reject_outside_quantity_range" }), toQuantity(10))).toMatchObject({ accept: true });
  });

  it("reject_downgrades refuses a cheaper plan and allows a dearer or unknown one", () => {
    const policy = { policy: "reject_downgrades" as const };
    expect(evaluateChange(ctx(policy), toPlan("bronze"))).toMatchObject({
      accept: false,
      policy: "reject_downgrades",
      reason: expect.stringMatching(/downgrade/),
    });
    expect(evaluateChange(ctx({ ...policy, requested: plan([80]) }), toPlan("platinum"))).toMatchObject({ accept: true });
    expect(evaluateChange(ctx({ ...policy, requested: null }), toPlan("unlisted"))).toMatchObject({ accept: true });
    expect(evaluateChange(ctx(policy), toQuantity(3))).toMatchObject({ accept: true });
  });

  it("reject_outside_quantity_range checks seats against the plan's range", () => {
    const policy = { policy: "reject_outside_quantity_range" as const };
    expect(evaluateChange(ctx(policy), toQuantity(21))).toMatchObject({ accept: false, reason: expect.stringContaining("[5, 20]") });
    expect(evaluateChange(ctx(policy), toQuantity(4))).toMatchObject({ accept: false });
    expect(evaluateChange(ctx(policy), toQuantity(20))).toMatchObject({ accept: true });
    // Ten seats do not fit the requested plan's 1–8 range.
    expect(evaluateChange(ctx(policy), toPlan("bronze"))).toMatchObject({ accept: false, reason: expect.stringContaining("bronze") });
    expect(evaluateChange(ctx(policy, { quantity: null }), toPlan("bronze"))).toMatchObject({ accept: true });
  });

  it("decides only customer-initiated plan and quantity changes", () => {
    const n = (action: string, source?: string, status?: string) => {
      const parsed = parseNotification({
        id: crypto.randomUUID(),
        subscriptionId: crypto.randomUUID(),
        action,
        operationRequestSource: source,
        status,
      });
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.notification;
    };
    expect(needsDecision(n("ChangePlan", "Azure"))).toBe(true);
    expect(needsDecision(n("ChangeQuantity"))).toBe(true);
    expect(needsDecision(n("ChangePlan", "Partner"))).toBe(false);
    expect(needsDecision(n("Suspend", "Azure"))).toBe(false);
    expect(needsDecision(n("ChangeQuantity", "Azure", "InProgress"))).toBe(true);
    // A redelivery of a change Microsoft already completed is not the publisher's to refuse any more.
    expect(needsDecision(n("ChangeQuantity", "Azure", "Succeeded"))).toBe(false);
    expect(needsDecision(n("ChangePlan", "Azure", "Failed"))).toBe(false);
  });
});
