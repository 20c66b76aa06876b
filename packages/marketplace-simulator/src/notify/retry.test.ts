import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SIMULATOR_MIGRATIONS } from "../database";
import { startSimulatorServer, type SimulatorServer } from "../identity/testing/simulator-server";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import {
  isWebhookRetryLoopRunning,
  listWebhookDeliveries,
  sendWebhook,
  startWebhookRetryLoop,
  stopWebhookRetryLoop,
  type WebhookRetryLoop,
} from ".";
import { ensureSimulatorTick, stopSimulatorTick } from "../tick";
import { claimDueDeliveries } from "./queries";
import { changePlanPayload, scriptedReceiver } from "./testing/receiver";
import { openPostgres } from "../testing/postgres";

const T0 = new Date("2026-11-24T12:00:00.000Z").getTime();

describe.each(testDatabases("both"))("webhook retries on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;
  let receiver = scriptedReceiver();
  const loops: WebhookRetryLoop[] = [];
  let clock = T0;
  const now = () => new Date(clock);
  const settings = () => ({ url: `${server.origin}/api/webhook`, maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 });

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db, { fallback: (r) => receiver.handle(r) });
  });
  afterEach(async () => {
    await Promise.all(loops.splice(0).map((l) => l.stop()));
    await stopWebhookRetryLoop(t.db);
    await t.db.execute("delete from simulator.webhook_deliveries");
    receiver = scriptedReceiver();
    clock = T0;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  /** A loop whose timer never fires within a test: passes run only when the test says so. */
  function manualLoop(overrides: Partial<ReturnType<typeof settings>> = {}) {
    const loop = startWebhookRetryLoop(t.db, { intervalMs: 3_600_000, now, settings: { ...settings(), ...overrides } });
    loops.push(loop);
    return loop;
  }

  const send = (overrides: Partial<ReturnType<typeof settings>> = {}) =>
    sendWebhook(t.db, changePlanPayload(), { settings: { ...settings(), ...overrides }, now, startRetryLoop: false });

  it("resumes deliveries left retrying by an earlier process once the simulator's tick starts", async () => {
    receiver.answer(503);
    expect((await send()).firstAttemptStatus).toBe(503);
    expect(isWebhookRetryLoopRunning(t.db)).toBe(false); // as after a restart: a row retrying, no loop
    try {
      ensureSimulatorTick(t.db);
      expect(isWebhookRetryLoopRunning(t.db)).toBe(true);
    } finally {
      await stopSimulatorTick();
    }
  });

  it("retries a failing receiver with exponential backoff until it accepts", async () => {
    receiver.answer(503, 500);
    const loop = manualLoop();
    expect((await send()).firstAttemptStatus).toBe(503);

    clock = T0 + 999;
    expect(await loop.runOnce()).toBe(0);
    clock = T0 + 1000;
    expect(await loop.runOnce()).toBe(1);
    clock = T0 + 1000 + 1999;
    expect(await loop.runOnce()).toBe(0);
    clock = T0 + 1000 + 2000;
    expect(await loop.runOnce()).toBe(1);
    clock += 3_600_000;
    expect(await loop.runOnce()).toBe(0);

    const [delivery] = await listWebhookDeliveries(t.db);
    expect(delivery).toMatchObject({ state: "delivered", attempts: 3, lastStatusCode: 200, nextAttemptAt: null });
    expect(delivery!.attemptLog.map((a) => [a.attemptNumber, a.statusCode, a.startedAt.getTime() - T0])).toEqual([
      [1, 503, 0],
      [2, 500, 1000],
      [3, 200, 3000],
    ]);
    expect(receiver.calls).toHaveLength(3);
    // Each attempt carries a token minted for it, so late retries are not refused as expired.
    expect(new Set(receiver.calls.map((c) => c.authorization)).size).toBe(3);
  });

  it("gives up after the configured number of attempts", async () => {
    receiver = scriptedReceiver(500);
    const loop = manualLoop({ maxAttempts: 3 });
    await send({ maxAttempts: 3 });
    for (let i = 0; i < 6; i++) {
      clock += 60_000;
      await loop.runOnce();
    }
    const [delivery] = await listWebhookDeliveries(t.db);
    expect(delivery).toMatchObject({ state: "failed", attempts: 3, maxAttempts: 3, lastStatusCode: 500, nextAttemptAt: null });
    expect(receiver.calls).toHaveLength(3);
  });

  it("caps the backoff at maxDelayMs", async () => {
    receiver = scriptedReceiver(502);
    const loop = manualLoop({ maxAttempts: 6, maxDelayMs: 3000 });
    await send({ maxAttempts: 6, maxDelayMs: 3000 });
    for (let i = 0; i < 5; i++) {
      const [d] = await listWebhookDeliveries(t.db);
      clock = d!.nextAttemptAt!.getTime();
      expect(await loop.runOnce()).toBe(1);
    }
    const [delivery] = await listWebhookDeliveries(t.db);
    expect(delivery!.attemptLog.map((a) => a.startedAt.getTime() - T0)).toEqual([0, 1000, 3000, 6000, 9000, 12000]);
  });

  it.each([400, 401, 404, 409, 422])("takes a %i as the publisher's final answer and never retries it", async (status) => {
    receiver.answer(status);
    const loop = manualLoop();
    expect((await send()).firstAttemptStatus).toBe(status);
    clock += 3_600_000;
    expect(await loop.runOnce()).toBe(0);
    const [delivery] = await listWebhookDeliveries(t.db);
    expect(delivery).toMatchObject({ state: "rejected", attempts: 1, lastStatusCode: status, nextAttemptAt: null });
    expect(receiver.calls).toHaveLength(1);
  });

  it("reports no status when nothing answers, and retries", async () => {
    const closed = await startSimulatorServer(t.db);
    const url = `${closed.origin}/api/webhook`;
    await closed.close();
    const result = await send({ url });
    expect(result.firstAttemptStatus).toBeNull();
    const [delivery] = await listWebhookDeliveries(t.db);
    expect(delivery).toMatchObject({ state: "retrying", lastStatusCode: null });
    expect(delivery!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect(delivery!.attemptLog[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
  });

  it("runs in the background on its own timer and stops cleanly", async () => {
    receiver.answer(503);
    await sendWebhook(t.db, changePlanPayload(), { settings: { ...settings(), baseDelayMs: 20 }, startRetryLoop: false });
    const loop = startWebhookRetryLoop(t.db, { intervalMs: 15, settings: { ...settings(), baseDelayMs: 20 } });
    loops.push(loop);
    await vi.waitFor(async () => expect((await listWebhookDeliveries(t.db))[0]?.state).toBe("delivered"), { timeout: 5000, interval: 20 });
    await loop.stop();
    expect(loop.stopped).toBe(true);
    const calls = receiver.calls.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(receiver.calls.length).toBe(calls);
  });

  it("starts the retry loop by itself when a first attempt fails, and lets it idle out", async () => {
    receiver.answer(503);
    const result = await sendWebhook(t.db, changePlanPayload(), { settings: { ...settings(), baseDelayMs: 10 } });
    expect(result.firstAttemptStatus).toBe(503);
    expect(isWebhookRetryLoopRunning(t.db)).toBe(true);
    await vi.waitFor(async () => expect((await listWebhookDeliveries(t.db))[0]?.state).toBe("delivered"), { timeout: 5000, interval: 50 });
    await vi.waitFor(() => expect(isWebhookRetryLoopRunning(t.db)).toBe(false), { timeout: 5000, interval: 50 });
  });

  it("hands each due delivery to exactly one of two workers claiming at once", async () => {
    receiver = scriptedReceiver(500);
    for (let i = 0; i < 6; i++) await send();
    const other = kind === "postgres" ? openPostgres(t.url!, 2) : null;
    try {
      clock += 60_000;
      const lease = new Date(clock + 60_000);
      const [a, b] = await Promise.all([claimDueDeliveries(t.db, now(), lease, 4), claimDueDeliveries(other?.db ?? t.db, now(), lease, 4)]);
      const ids = [...a, ...b].map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(6);
      expect([...a, ...b].every((d) => d.state === "sending" && d.nextAttemptAt!.getTime() === lease.getTime())).toBe(true);
      // A claim is a lease: if its worker dies, the delivery is due again when the lease ends.
      expect(await claimDueDeliveries(t.db, now(), lease, 10)).toHaveLength(0);
      expect(await claimDueDeliveries(t.db, lease, new Date(lease.getTime() + 60_000), 10)).toHaveLength(6);
    } finally {
      await other?.close();
    }
  });
});
