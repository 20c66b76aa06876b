import { describe, expect, it } from "vitest";
import { priceTotal } from "./price-total";

describe("priceTotal", () => {
  it("multiplies the seats by the price of the term, in the term's currency", () => {
    expect(priceTotal({ termUnit: "P1M", price: 15, currency: "USD" }, { perUser: true, quantity: 12 })).toEqual({
      seats: 12,
      unitPrice: 15,
      total: 180,
      currency: "USD",
      termUnit: "P1M",
    });
  });

  it("bills a per-user plan for at least one seat, and a flat rate as it is", () => {
    expect(priceTotal({ termUnit: "P1M", price: 15, currency: "USD" }, { perUser: true, quantity: null })?.total).toBe(15);
    expect(priceTotal({ termUnit: "P1Y", price: 1200, currency: "USD" }, { perUser: false, quantity: 7 })).toMatchObject({
      seats: null,
      total: 1200,
    });
  });

  it("says nothing without a price", () => {
    expect(priceTotal(undefined, { perUser: true, quantity: 3 })).toBeNull();
  });
});
