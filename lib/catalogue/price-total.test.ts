import { describe, expect, it } from "vitest";
import { priceTotal } from "./price-total";

describe("priceTotal", () => {
  it("multiplies the seats by the price of the term, in the term's currency", () => {
    expect(priceTotal({ termUnit: "P1M", price: 15, currency: "USD" }, { perUser: true, quantity: 12 })).toBe(
      "12 seats × $15.00 = $180.00 per month, billed by Microsoft",
    );
  });

  it("shows a flat rate as it is, and formats money by locale", () => {
    expect(priceTotal({ termUnit: "P1Y", price: 1200, currency: "USD" }, { perUser: false, quantity: null })).toBe(
      "$1,200.00 per year, billed by Microsoft",
    );
    // Swedish groups digits and separates "kr" with no-break spaces.
    const sv = priceTotal({ termUnit: "P3Y", price: 1000, currency: "SEK" }, { perUser: true, quantity: 2, locale: "sv-SE" });
    expect(sv?.replace(/\s/g, " ")).toBe("2 seats × 1 000,00 kr = 2 000,00 kr every 3 years, billed by Microsoft");
  });

  it("says nothing without a price", () => {
    expect(priceTotal(undefined, { perUser: true, quantity: 3 })).toBeNull();
  });
});
