import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffAfter, drainLoops, isOverdue, loopStatus, startLoop, type Loop } from "./loop";

const started: Loop[] = [];
const start = (opts: Parameters<typeof startLoop>[0]) => {
  const loop = startLoop(opts);
  started.push(loop);
  return loop;
};

afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.stop({ timeoutMs: 100 })));
  vi.useRealTimers();
});

describe("startLoop", () => {
  it("ticks at once, then every interval, one tick at a time, and a kick during a tick runs one more right after", async () => {
    vi.useFakeTimers();
    let ticks = 0;
    let release!: () => void;
    const loop = start({
      name: "t",
      intervalMs: 1_000,
      tick: () => {
        ticks++;
        return ticks === 2 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      onError: () => {},
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ticks).toBe(2); // now blocked
    loop.kick();
    loop.kick();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ticks).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(3); // the kicks collapse into one tick
    expect(loop.status()).toMatchObject({ name: "t", consecutiveFailures: 0, running: false });
    expect(loop.status().lastSuccessAt).toBeInstanceOf(Date);
  });

  it("backs off after failed ticks, reports each error, and resets on success", async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let fail = true;
    let ticks = 0;
    const loop = start({
      name: "flaky",
      intervalMs: 100,
      maxBackoffMs: 1_000,
      tick: async () => {
        ticks++;
        if (fail) throw new Error("down");
      },
      onError: (err) => errors.push(err),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(ticks).toBe(1); // 200 ms after one failure, not 100
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(2);
    expect(loop.status()).toMatchObject({ consecutiveFailures: 2, lastError: "down" });
    fail = false;
    await vi.advanceTimersByTimeAsync(400);
    expect(ticks).toBe(3);
    expect(loop.status().consecutiveFailures).toBe(0);
    expect(errors).toHaveLength(2);
    expect([1, 2, 3, 4, 5].map((n) => backoffAfter(n, 100, 1_000))).toEqual([200, 400, 800, 1_000, 1_000]);
  });

  it("first tick after a delay, when asked", async () => {
    vi.useFakeTimers();
    let ticks = 0;
    start({ name: "late", intervalMs: 1_000, firstTickAfterMs: 500, tick: async () => void ticks++, onError: () => {} });
    await vi.advanceTimersByTimeAsync(499);
    expect(ticks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(1);
  });

  it("drain: the current tick finishes, sees the stop, and no tick follows; the wait is bounded", async () => {
    let release!: () => void;
    let sawStop = false;
    let aborted = false;
    let ticks = 0;
    start({
      name: "draining",
      intervalMs: 10,
      tick: async ({ isStopping, signal }) => {
        ticks++;
        await new Promise<void>((r) => (release = r));
        sawStop = isStopping();
        aborted = signal.aborted;
      },
      onError: () => {},
    });
    const stuck = start({ name: "stuck", intervalMs: 10, tick: () => new Promise(() => {}), onError: () => {} });
    await new Promise((r) => setTimeout(r, 5));
    expect(loopStatus().map((s) => s.name)).toEqual(expect.arrayContaining(["draining", "stuck"]));
    const drained = drainLoops(50);
    release();
    await drained;
    expect(sawStop).toBe(true);
    expect(aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(ticks).toBe(1);
    expect(loopStatus().map((s) => s.name)).not.toContain("draining");
    expect(stuck.status().stopped).toBe(true);
  });

  it("a loop whose next tick is long overdue is stale; a running one is not", async () => {
    vi.useFakeTimers();
    start({ name: "beat", intervalMs: 1_000, tick: async () => {}, onError: () => {} });
    await vi.advanceTimersByTimeAsync(0);
    const now = Date.now();
    const beat = () => loopStatus().find((s) => s.name === "beat")!;
    expect(isOverdue(beat(), now + 1_000, 5_000)).toBe(false);
    expect(isOverdue(beat(), now + 7_000, 5_000)).toBe(true);
  });
});
