import { describe, expect, it } from "vitest";
import { monthlyContribution } from "./summary";

const active = { status: "Subscribed", isFreeTrial: false, isTest: false, quantity: 20, termUnit: "P1Y" };
const perUser = { pricingModel: "per_user", billingTerms: [{ termUnit: "P1Y", price: 120, currency: "USD" }] };

describe("monthly contribution", () => {
  it("counts a twelfth of a yearly price per seat on per-user plans", () => {
    expect(monthlyContribution(active, perUser)).toEqual({ kind: "amount", amount: 200, currency: "USD" });
    expect(monthlyContribution(active, { ...perUser, pricingModel: "flat_rate" })).toEqual({ kind: "amount", amount: 10, currency: "USD" });
  });

  it("says why a subscription adds nothing", () => {
    expect(monthlyContribution({ ...active, status: "Suspended" }, perUser)).toEqual({ kind: "none", reason: "not active" });
    expect(monthlyContribution({ ...active, isTest: true }, perUser)).toEqual({ kind: "none", reason: "test purchase" });
    expect(monthlyContribution({ ...active, isFreeTrial: true }, perUser)).toEqual({ kind: "none", reason: "free trial" });
    expect(monthlyContribution({ ...active, termUnit: "P1M" }, { ...perUser, billingTerms: [] })).toEqual({
      kind: "none",
      reason: "no catalogue price",
    });
    expect(monthlyContribution(active, undefined)).toEqual({ kind: "none", reason: "no catalogue price" });
  });
});
