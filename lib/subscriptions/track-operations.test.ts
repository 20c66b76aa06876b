import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, API, buy, checkedFetch, startHarness, travel, type SimHarness } from "marketplace-simulator/testing";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getOperationById, readDatabaseClock } from "@/db/queries/operations";
import { getSubscriptionById, updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import { subscriptionValues } from "./from-marketplace";
import { applyOperation } from "./apply-operation";
import { cancelSubscription, changePlan, changeQuantity } from "./change";
import { pollDelay, startOperationTracker, trackPendingOperations, type PollSchedule } from "./track-operations";

const actor = { type: "staff" as const, id: randomUUID(), email: "operator@isv.example" };
// Operations complete 300 ms after they start on the simulator's clock (`Date`). The tests that
// step through that window freeze the clock before starting a change (travel(0)) and move it past
// the window (travel(350)), so no real time, and no machine load, can close it early or late.
// h.reset() returns to the real clock before each test.

describe("poll back-off", () => {
  it("grows from the base interval and is capped", () => {
    expect([1, 2, 3].map((n) => pollDelay(n))).toEqual([2000, 3000, 4500]);
    expect(pollDelay(50)).toBe(60_000);
  });
});

describe.each(testDatabases("one"))("operation tracker against the simulator on %s", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    client = createMarketplaceClient({
      baseUrl: API,
      fetch: (i, init) => checkedFetch(new Request(i, init)),
      getToken: () => h.mintToken(),
      retry: { maxAttempts: 1 },
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset({ operationDelayMs: 300 }));

  async function active(body: Record<string, unknown>) {
    const { subscriptionId } = await buy(h, { purchaser: alex, autoActivate: true, ...body });
    await upsertSubscription(h.db.db, subscriptionValues(await client.getSubscription(subscriptionId)));
    await updateSubscription(h.db.db, subscriptionId, { provisioningState: "active" });
    return subscriptionId;
  }
  const deps = () => ({ db: h.db.db, client });
  const started = (r: Awaited<ReturnType<typeof changePlan>>) => {
    if (!r.ok) throw new Error(r.message);
    return r.operation.id;
  };
  const auditActions = async (id: string) =>
    (await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id })).map((e) => e.action).reverse();

  it("polls until Succeeded, then applies the plan change once, with its audit event", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const opId = started(await changePlan(deps(), { subscriptionId: id, planId: "professional", actor }));
    expect((await trackPendingOperations(h.db.db, client)).get(opId)).toBe("pending");
    expect((await getSubscriptionById(h.db.db, id))?.planId).toBe("starter");

    travel(350);
    expect((await trackPendingOperations(h.db.db, client)).get(opId)).toBe("applied");
    expect((await getSubscriptionById(h.db.db, id))?.planId).toBe("professional");
    expect(await getOperationById(h.db.db, opId)).toMatchObject({
      status: "Succeeded",
      appliedAt: expect.any(Date),
      completedAt: expect.any(Date),
    });
    expect((await trackPendingOperations(h.db.db, client)).size).toBe(0);
    expect(await auditActions(id)).toEqual(["subscription.plan_change_requested", "subscription.plan_changed"]);
  });

  it("applies quantity changes and cancellations", async () => {
    const seats = await active({ offerId: "contoso-teamwork", planId: "business", quantity: 10 });
    const gone = await active({ offerId: "contoso-analytics", planId: "professional" });
    travel(0);
    const q = started(await changeQuantity(deps(), { subscriptionId: seats, quantity: 25, actor }));
    const c = started(await cancelSubscription(deps(), { subscriptionId: gone, reason: "duplicate purchase", actor }));
    travel(350);
    const outcomes = await trackPendingOperations(h.db.db, client);
    expect([outcomes.get(q), outcomes.get(c)]).toEqual(["applied", "applied"]);
    expect((await getSubscriptionById(h.db.db, seats))?.quantity).toBe(25);
    expect(await getSubscriptionById(h.db.db, gone)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });
  });

  it("records a Failed operation without touching the subscription", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const opId = started(await changePlan(deps(), { subscriptionId: id, planId: "professional", actor }));
    // Payment fails meanwhile: Microsoft fails the change of a suspended subscription.
    expect((await h.call("POST", `/_sim/subscriptions/${id}/suspend`)).status).toBe(200);
    travel(350);
    expect((await trackPendingOperations(h.db.db, client)).get(opId)).toBe("failed");
    expect(await getOperationById(h.db.db, opId)).toMatchObject({
      status: "Failed",
      appliedAt: null,
      errorMessage: expect.stringMatching(/Suspended/),
    });
    expect((await getSubscriptionById(h.db.db, id))?.planId).toBe("starter");
    expect(await auditActions(id)).toEqual(["subscription.plan_change_requested", "operation.failed"]);
  });

  it("does not apply an operation twice when its webhook was processed first", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const opId = started(await changePlan(deps(), { subscriptionId: id, planId: "professional", actor }));
    travel(350);
    const op = await client.getOperation(id, opId);
    await applyOperation(h.db.db, {
      subscriptionId: id,
      action: "ChangePlan",
      operation: op,
      remoteReadAt: await readDatabaseClock(h.db.db),
      remote: await client.getSubscription(id),
      notificationTimeStamp: null,
    });
    expect((await trackPendingOperations(h.db.db, client)).size).toBe(0);
    expect(await auditActions(id)).toEqual(["subscription.plan_change_requested", "subscription.plan_changed"]);
  });

  it("backs off per operation and forgets operations that completed elsewhere", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    await h.call("PUT", "/_sim/config", { body: { operationDelayMs: 60_000 } });
    const opId = started(await changePlan(deps(), { subscriptionId: id, planId: "professional", actor }));
    let clock = 1_000_000;
    const schedule: PollSchedule = new Map();
    const opts = { schedule, now: () => clock, delayFor: (n: number) => n * 1000 };
    expect((await trackPendingOperations(h.db.db, client, opts)).get(opId)).toBe("pending");
    expect(schedule.get(opId)).toEqual({ attempts: 1, dueAt: 1_001_000 });
    clock += 500;
    expect((await trackPendingOperations(h.db.db, client, opts)).get(opId)).toBe("skipped");
    clock += 500;
    expect((await trackPendingOperations(h.db.db, client, opts)).get(opId)).toBe("pending");
    expect(schedule.get(opId)).toEqual({ attempts: 2, dueAt: 1_003_000 });
    expect((await getOperationById(h.db.db, opId))?.status).toBe("NotStarted");
    await applyOperation(h.db.db, {
      subscriptionId: id,
      action: "ChangePlan",
      operation: { ...(await client.getOperation(id, opId)), status: "Failed" },
      remoteReadAt: await readDatabaseClock(h.db.db),
      remote: await client.getSubscription(id),
      notificationTimeStamp: null,
    });
    await trackPendingOperations(h.db.db, client, opts);
    expect(schedule.size).toBe(0);
  });

  it("runs in the background until stopped", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    const tracker = startOperationTracker({ getDb: async () => h.db.db, getClient: () => client, intervalMs: 50 });
    try {
      started(await changePlan(deps(), { subscriptionId: id, planId: "professional", actor }));
      // Real time here: the 300 ms window and the 50 ms rounds both run; only the deadline is generous.
      await expect
        .poll(async () => (await getSubscriptionById(h.db.db, id))?.planId, { timeout: 20_000, interval: 50 })
        .toBe("professional");
    } finally {
      await tracker.stop();
    }
  });
});
