import { describe, expect, it } from "vitest";
import { nextTerm, termFrom } from "./terms";

const d = (s: string) => new Date(s);

describe("subscription terms", () => {
  it("starts at 00:00Z and ends on the last valid day", () => {
    expect(termFrom(d("2025-03-15T17:42:00Z"), "P1M")).toEqual({
      startDate: d("2025-03-15T00:00:00Z"),
      endDate: d("2025-04-14T00:00:00Z"),
    });
    expect(termFrom(d("2025-03-15T00:00:00Z"), "P1Y")).toEqual({
      startDate: d("2025-03-15T00:00:00Z"),
      endDate: d("2026-03-14T00:00:00Z"),
    });
    expect(termFrom(d("2025-03-15T23:59:59Z"), "P3Y").endDate).toEqual(d("2028-03-14T00:00:00Z"));
    expect(termFrom(d("2025-03-15T00:00:00Z"), "P5Y").endDate).toEqual(d("2030-03-14T00:00:00Z"));
  });

  it("clamps month ends instead of spilling into the next month", () => {
    expect(termFrom(d("2025-01-31T10:00:00Z"), "P1M").endDate).toEqual(d("2025-02-27T00:00:00Z"));
    expect(termFrom(d("2024-02-29T10:00:00Z"), "P1Y").endDate).toEqual(d("2025-02-27T00:00:00Z"));
  });

  it("renews from the day after the old end", () => {
    expect(nextTerm(d("2025-04-14T00:00:00Z"), "P1M")).toEqual({
      startDate: d("2025-04-15T00:00:00Z"),
      endDate: d("2025-05-14T00:00:00Z"),
    });
  });
});
