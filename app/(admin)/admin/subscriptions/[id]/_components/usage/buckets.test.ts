import { describe, expect, it } from "vitest";
import { bucketUsage, type ChartHour } from "./buckets";

const now = new Date("2026-05-04T13:25:00Z");
const h = (hour: string, over: Partial<ChartHour> = {}): ChartHour => ({
  hour,
  dimension: "api-calls",
  quantity: 10,
  included: 0,
  reported: 10,
  status: "accepted",
  ...over,
});

describe("bucketUsage", () => {
  it("gives 48 hourly buckets ending with the current hour, splitting each hour by what became of it", () => {
    const hours = [
      h("2026-05-04T13:00:00.000Z", { quantity: 7, reported: 0, status: "open" }),
      h("2026-05-04T12:00:00.000Z", { quantity: 10, included: 4, reported: 6 }),
      h("2026-05-04T11:00:00.000Z", { quantity: 5, included: 0, reported: 0, status: "expired" }),
      h("2026-05-04T12:00:00.000Z", { dimension: "storage-gb", quantity: 99 }),
      h("2026-05-01T12:00:00.000Z"), // older than the range
    ];
    const buckets = bucketUsage(hours, "api-calls", "48h", now);
    expect(buckets).toHaveLength(48);
    expect(buckets[0]?.start).toBe("2026-05-02T14:00:00.000Z");
    expect(buckets.slice(-3)).toEqual([
      { start: "2026-05-04T11:00:00.000Z", label: "11:00", included: 0, reported: 0, pending: 0, unbilled: 5 },
      { start: "2026-05-04T12:00:00.000Z", label: "12:00", included: 4, reported: 6, pending: 0, unbilled: 0 },
      { start: "2026-05-04T13:00:00.000Z", label: "13:00", included: 0, reported: 0, pending: 7, unbilled: 0 },
    ]);
    expect(buckets.slice(0, -3).every((b) => b.included + b.reported + b.pending + b.unbilled === 0)).toBe(true);
  });

  it("adds up whole UTC days over 30 days", () => {
    const hours = [
      h("2026-05-04T01:00:00.000Z"),
      h("2026-05-04T02:00:00.000Z", { included: 10, reported: 0, status: "nothing_to_report" }),
      h("2026-04-05T00:00:00.000Z"),
      h("2026-04-04T23:00:00.000Z"),
    ];
    const buckets = bucketUsage(hours, "api-calls", "30d", now);
    expect(buckets).toHaveLength(30);
    expect(buckets[0]).toMatchObject({ start: "2026-04-05T00:00:00.000Z", label: "04-05", reported: 10 });
    expect(buckets.at(-1)).toMatchObject({ label: "05-04", included: 10, reported: 10 });
  });
});
