import { describe, expect, it } from "vitest";
import { parseUsageSubmitArgs } from "./cli";
import { nextRun } from "./schedules";
import { includedUnits, termOf } from "./terms";
import { hourOf, isInsideWindow } from "./window";

const d = (s: string) => new Date(s);

describe("terms and allowances", () => {
  const sub = { termUnit: "P1M", termStartDate: d("2026-03-15T10:00:00Z"), termEndDate: d("2026-04-15T10:00:00Z") };
  it("places an hour in the current term, the one before (late usage) or a renewed one not synced yet", () => {
    expect(termOf(d("2026-03-20T00:00:00Z"), sub)).toEqual({ start: d("2026-03-15T10:00:00Z"), end: d("2026-04-15T10:00:00Z") });
    expect(termOf(d("2026-03-15T09:00:00Z"), sub)).toEqual({ start: d("2026-02-15T10:00:00Z"), end: d("2026-03-15T10:00:00Z") });
    expect(termOf(d("2026-04-15T10:00:00Z"), sub)).toEqual({ start: d("2026-04-15T10:00:00Z"), end: d("2026-05-15T10:00:00Z") });
    expect(termOf(d("2026-06-01T00:00:00Z"), { ...sub, termUnit: "P1Y" }).start).toEqual(d("2026-03-15T10:00:00Z"));
  });
  it("reads the included units of the subscription's term unit", () => {
    const terms = [
      { termUnit: "P1M", price: 1, currency: "USD", meteredQuantityIncluded: [{ dimensionId: "api-calls", units: 100 }] },
      { termUnit: "P1Y", price: 10, currency: "USD", meteredQuantityIncluded: [{ dimensionId: "api-calls", units: 1200 }] },
    ];
    expect(includedUnits(terms, "P1M", "api-calls")).toBe(100);
    expect(includedUnits(terms, "P1Y", "api-calls")).toBe(1200);
    expect(includedUnits(terms, "P1M", "storage-gb")).toBe(0);
    expect(includedUnits([], "P1M", "api-calls")).toBe(0);
  });
});

describe("the window and schedules", () => {
  it("accepts usage whose hour started less than 24 hours ago, and none from the future", () => {
    const now = d("2026-03-02T10:30:00Z");
    expect(isInsideWindow(d("2026-03-01T11:00:00Z"), now)).toBe(true);
    expect(isInsideWindow(d("2026-03-01T10:45:00Z"), now)).toBe(false);
    expect(isInsideWindow(d("2026-03-02T10:34:00Z"), now)).toBe(true);
    expect(isInsideWindow(d("2026-03-02T10:40:00Z"), now)).toBe(false);
    expect(hourOf(d("2026-03-02T10:59:59.999Z"))).toEqual(d("2026-03-02T10:00:00Z"));
  });
  it("computes the next run of each cadence, and none after the end or for one-time", () => {
    const at = d("2026-01-31T12:00:00Z");
    expect(nextRun({ cadence: "hourly", endsAt: null }, at)).toEqual(d("2026-01-31T13:00:00Z"));
    expect(nextRun({ cadence: "daily", endsAt: null }, at)).toEqual(d("2026-02-01T12:00:00Z"));
    expect(nextRun({ cadence: "monthly", endsAt: null }, d("2026-02-15T00:00:00Z"))).toEqual(d("2026-03-15T00:00:00Z"));
    expect(nextRun({ cadence: "one_time", endsAt: null }, at)).toBeNull();
    expect(nextRun({ cadence: "daily", endsAt: d("2026-02-01T00:00:00Z") }, at)).toBeNull();
  });
  it("parses usage submit's flags", () => {
    expect(parseUsageSubmitArgs([])).toEqual({});
    expect(parseUsageSubmitArgs(["--concurrency", "8"])).toEqual({ concurrency: 8 });
    expect(parseUsageSubmitArgs(["--concurrency", "0"])).toBeNull();
    expect(parseUsageSubmitArgs(["--fast"])).toBeNull();
  });
});
