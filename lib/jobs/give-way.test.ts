import { describe, expect, it } from "vitest";
import { createGiveWay } from "./give-way";

describe("createGiveWay", () => {
  const run = async (readings: number[], options = {}) => {
    const waits: number[] = [];
    const giveWay = createGiveWay({
      utilization: () => readings.shift() ?? 0,
      sleep: async (ms) => waits.push(ms),
      stepMs: 50,
      maxWaitMs: 200,
      ...options,
    });
    await giveWay();
    return waits;
  };

  it("goes ahead at once while the event loop is quiet", async () => {
    expect(await run([0.1])).toEqual([]);
  });

  it("waits while the loop is busy and goes ahead once it quietens", async () => {
    expect(await run([0.9, 0.8, 0.2])).toEqual([50, 50]);
  });

  it("never waits longer than maxWaitMs, so a backlog drains under sustained load", async () => {
    expect(await run([1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([50, 50, 50, 50]);
  });

  it("reads the real event loop by default: a blocked loop makes the next item wait", async () => {
    const waits: number[] = [];
    const giveWay = createGiveWay({ sleep: async (ms) => waits.push(ms), stepMs: 50, maxWaitMs: 50 });
    const until = Date.now() + 100;
    while (Date.now() < until); // the loop is busy the whole time
    await giveWay();
    expect(waits).toEqual([50]);
  });
});
