import { describe, expect, it } from "vitest";
import { completeOutcome } from "./lifecycle";
import type { SimPlan, SimSubscription } from "./schema";
import { seedPlans } from "./seed-data";

const now = new Date("2025-06-01T12:00:00Z");
const plan = (id: string) =>
  ({
    isPrivate: false,
    allowedTenantIds: [],
    privateOfferId: null,
    isStopSell: false,
    meteringDimensions: [],
    hasFreeTrials: false,
    minQuantity: null,
    maxQuantity: null,
    position: 0,
    ...seedPlans.find((p) => p.planId === id)!,
  }) as SimPlan;
const sub = (over: Partial<SimSubscription> = {}) =>
  ({ status: "Subscribed", planId: "starter", quantity: null, termUnit: "P1M", isFreeTrial: true, ...over }) as SimSubscription;
const change = (
  action: "ChangePlan" | "ChangeQuantity" | "Unsubscribe" | "Reinstate" | "Renew",
  planId = "starter",
  quantity: number | null = null,
) => ({ action, planId, quantity });

describe("completing an operation", () => {
  it("moves the plan, ends a trial on a plan without one, and keeps a term the plan sells", () => {
    expect(
      completeOutcome({
        op: change("ChangePlan", "professional"),
        sub: sub(),
        targetPlan: plan("professional"),
        newerChangeSucceeded: false,
        now,
      }),
    ).toEqual({
      status: "Succeeded",
      changes: { planId: "professional", isFreeTrial: false, termUnit: "P1M", quantity: null },
    });
  });

  it("switches the term when the new plan does not sell the current one", () => {
    const out = completeOutcome({
      op: change("ChangePlan", "enterprise"),
      sub: sub(),
      targetPlan: plan("enterprise"),
      newerChangeSucceeded: false,
      now,
    });
    expect(out.changes?.termUnit).toBe("P1Y");
  });

  it("reports Conflict when nothing would change or a newer change already won", () => {
    expect(
      completeOutcome({ op: change("ChangePlan", "starter"), sub: sub(), targetPlan: plan("starter"), newerChangeSucceeded: false, now })
        .status,
    ).toBe("Conflict");
    expect(
      completeOutcome({
        op: change("ChangeQuantity", "team", 5),
        sub: sub({ planId: "team", quantity: 5 }),
        newerChangeSucceeded: false,
        now,
      }).status,
    ).toBe("Conflict");
    expect(
      completeOutcome({
        op: change("ChangePlan", "professional"),
        sub: sub(),
        targetPlan: plan("professional"),
        newerChangeSucceeded: true,
        now,
      }).status,
    ).toBe("Conflict");
  });

  it("fails a change once the subscription is no longer Subscribed", () => {
    expect(
      completeOutcome({
        op: change("ChangeQuantity", "team", 9),
        sub: sub({ status: "Suspended", planId: "team", quantity: 5 }),
        newerChangeSucceeded: false,
        now,
      }).status,
    ).toBe("Failed");
    expect(completeOutcome({ op: change("ChangePlan", "gone"), sub: sub(), newerChangeSucceeded: false, now }).status).toBe("Failed");
  });

  it("cancels and reinstates only from the right status", () => {
    expect(completeOutcome({ op: change("Unsubscribe"), sub: sub(), newerChangeSucceeded: false, now })).toEqual({
      status: "Succeeded",
      changes: { status: "Unsubscribed", unsubscribedAt: now },
    });
    expect(
      completeOutcome({ op: change("Unsubscribe"), sub: sub({ status: "Unsubscribed" }), newerChangeSucceeded: false, now }).status,
    ).toBe("Conflict");
    expect(
      completeOutcome({ op: change("Reinstate"), sub: sub({ status: "Suspended" }), newerChangeSucceeded: false, now }).changes,
    ).toEqual({ status: "Subscribed" });
    expect(completeOutcome({ op: change("Reinstate"), sub: sub(), newerChangeSucceeded: false, now }).status).toBe("Conflict");
    expect(completeOutcome({ op: change("Renew"), sub: sub(), newerChangeSucceeded: false, now }).status).toBe("Failed");
  });
});
