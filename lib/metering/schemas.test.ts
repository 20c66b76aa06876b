import { describe, expect, it } from "vitest";
import { isValidUsageEvent, usageEventSchema } from "./schemas";

const ok = {
  id: "e-1",
  subscriptionId: "be9c0000-0000-4000-8000-000000000001",
  dimension: "api-calls",
  quantity: 2.5,
  timestamp: "2026-12-03T07:10:00.123Z",
};

const samples: unknown[] = [
  ok,
  { ...ok, id: undefined },
  { ...ok, timestamp: "2026-12-03T07:10:00+01:00" },
  { ...ok, subscriptionId: ok.subscriptionId.toUpperCase() },
  { ...ok, id: "" },
  { ...ok, id: "x".repeat(128) },
  { ...ok, id: "x".repeat(129) },
  { ...ok, id: 7 },
  { ...ok, subscriptionId: "not-a-guid" },
  { ...ok, subscriptionId: "be9c0000-0000-4000-8000-00000000000g" },
  { ...ok, dimension: "" },
  { ...ok, dimension: "d".repeat(64) },
  { ...ok, dimension: "d".repeat(65) },
  { ...ok, quantity: 0 },
  { ...ok, quantity: -1 },
  { ...ok, quantity: Number.POSITIVE_INFINITY },
  { ...ok, quantity: Number.NaN },
  { ...ok, quantity: "1" },
  { ...ok, timestamp: "2026-12-03T07:10:00" },
  { ...ok, timestamp: "2026-12-03T07:10Z" },
  { ...ok, timestamp: "2026-02-30T07:10:00Z" },
  { ...ok, timestamp: "2026-12-03 07:10:00Z" },
  { ...ok, timestamp: "2026-12-03T24:10:00Z" },
  { ...ok, extra: 1 },
  JSON.parse(
    `{"__proto__": {"x": 1}, "subscriptionId": "${ok.subscriptionId}", "dimension": "a", "quantity": 1, "timestamp": "${ok.timestamp}"}`,
  ),
  { subscriptionId: ok.subscriptionId, dimension: "a", quantity: 1 },
  null,
  [],
  "event",
  42,
];

describe("isValidUsageEvent", () => {
  it.each(samples.map((s, i) => [i, s]))("agrees with usageEventSchema on sample %i", (_, sample) => {
    const zod = usageEventSchema.safeParse(sample).success;
    // Never more lenient than the schema; as strict on these samples.
    expect(isValidUsageEvent(sample)).toBe(zod);
  });
});
