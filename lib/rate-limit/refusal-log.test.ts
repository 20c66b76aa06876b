import { describe, expect, it } from "vitest";
import { createRefusalLog } from "./refusal-log";

describe("refusal log", () => {
  it("logs the first refusal of an interval with its reason, then one count, and starts over after it", () => {
    const lines: string[] = [];
    let now = 0;
    const log = createRefusalLog({ log: { warn: (m: string) => lines.push(m) }, now: () => now });
    for (let i = 0; i < 412; i++) log.record(`203.0.113.${i % 3}`, 401, "no bearer token");
    expect(lines).toEqual(["webhook: refused (401): no bearer token (further refusals in the next 60 s are counted, not logged)"]);

    now = 61_000; // the next refusal closes the interval
    log.record("198.51.100.1", 401, "expired");
    expect(lines.slice(1)).toEqual([
      "webhook: 412 unauthenticated calls refused in the last 60 s from 3 addresses",
      "webhook: refused (401): expired (further refusals in the next 60 s are counted, not logged)",
    ]);
    log.flush(); // a lone refusal needs no summary
    expect(lines).toHaveLength(3);
  });
});
