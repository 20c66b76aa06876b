import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { travel } from "marketplace-simulator/testing";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getOperationById, readDatabaseClock } from "@/db/queries/operations";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { applyOperation } from "./apply-operation";
import { cancelSubscription, changePlan, changeQuantity } from "./change";
import { pollDelay, startOperationTracker, trackPendingOperations, type PollSchedule } from "./track-operations";
import { useChangeFixture } from "./testing/change-fixture";

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
  const f = useChangeFixture(kind, { operationDelayMs: 300 });
  const started = (r: Awaited<ReturnType<typeof changePlan>>) => {
    if (!r.ok) throw new Error(r.message);
    return r.operation.id;
  };
  const auditActions = async (id: string) =>
    (await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id })).map((e) => e.action).reverse();

  it("polls until Succeeded, then applies the plan change once, with its audit event", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const opId = started(await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor }));
    expect((await trackPendingOperations(f.h.db.db, f.client)).get(opId)).toBe("pending");
    expect((await getSubscriptionById(f.h.db.db, id))?.planId).toBe("starter");

    travel(350);
    expect((await trackPendingOperations(f.h.db.db, f.client)).get(opId)).toBe("applied");
    expect((await getSubscriptionById(f.h.db.db, id))?.planId).toBe("professional");
    expect(await getOperationById(f.h.db.db, opId)).toMatchObject({
      status: "Succeeded",
      appliedAt: expect.any(Date),
      completedAt: expect.any(Date),
    });
    expect((await trackPendingOperations(f.h.db.db, f.client)).size).toBe(0);
    expect(await auditActions(id)).toEqual(["subscription.plan_change_requested", "subscription.plan_changed"]);
  });

  it("applies quantity changes and cancellations", async () => {
    const seats = await f.active({ offerId: "contoso-teamwork", planId: "business", quantity: 10 });
    const gone = await f.active({ offerId: "contoso-analytics", planId: "professional" });
    travel(0);
    const q = started(await changeQuantity(f.deps(), { subscriptionId: seats, quantity: 25, actor }));
    const c = started(await cancelSubscription(f.deps(), { subscriptionId: gone, reason: "duplicate purchase", actor }));
    travel(350);
    const outcomes = await trackPendingOperations(f.h.db.db, f.client);
    expect([outcomes.get(q), outcomes.get(c)]).toEqual(["applied", "applied"]);
    expect((await getSubscriptionById(f.h.db.db, seats))?.quantity).toBe(25);
    expect(await getSubscriptionById(f.h.db.db, gone)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });
  });

  it("records a Failed operation without touching the subscription", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const opId = started(await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor }));
    // Payment fails meanwhile: Microsoft fails the change of a suspended subscription.
    expect((await f.h.call("POST", `/_sim/subscriptions/${id}/suspend`)).status).toBe(200);
    travel(350);
    expect((await trackPendingOperations(f.h.db.db, f.client)).get(opId)).toBe("failed");
    expect(await getOperationById(f.h.db.db, opId)).toMatchObject({
      status: "Failed",
      appliedAt: null,
      errorMessage: expect.stringMatching(/Suspended/),
    });
    expect((await getSubscriptionById(f.h.db.db, id))?.planId).toBe("starter");
    expect(await auditActions(id)).toEqual(["subscription.plan_change_requested", "operation.failed"]);
  });

  it("does not apply an operation twice when its webhook was processed first", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const opId = started(await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor }));
    travel(350);
    const op = await f.client.getOperation(id, opId);
    await applyOperation(f.h.db.db, {
      subscriptionId: id,
      action: "ChangePlan",
      operation: op,
      remoteReadAt: await readDatabaseClock(f.h.db.db),
      remote: await f.client.getSubscription(id),
      notificationTimeStamp: null,
    });
    expect((await trackPendingOperations(f.h.db.db, f.client)).size).toBe(0);
    expect(await auditActions(id)).toEqual(["subscription.plan_change_requested", "subscription.plan_changed"]);
  });

  it("backs off per operation and forgets operations that completed elsewhere", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    await f.h.call("PUT", "/_sim/config", { body: { operationDelayMs: 60_000 } });
    const opId = started(await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor }));
    let clock = 1_000_000;
    const schedule: PollSchedule = new Map();
    const opts = { schedule, now: () => clock, delayFor: (n: number) => n * 1000 };
    expect((await trackPendingOperations(f.h.db.db, f.client, opts)).get(opId)).toBe("pending");
    expect(schedule.get(opId)).toEqual({ attempts: 1, dueAt: 1_001_000 });
    clock += 500;
    expect((await trackPendingOperations(f.h.db.db, f.client, opts)).get(opId)).toBe("skipped");
    clock += 500;
    expect((await trackPendingOperations(f.h.db.db, f.client, opts)).get(opId)).toBe("pending");
    expect(schedule.get(opId)).toEqual({ attempts: 2, dueAt: 1_003_000 });
    expect((await getOperationById(f.h.db.db, opId))?.status).toBe("NotStarted");
    await applyOperation(f.h.db.db, {
      subscriptionId: id,
      action: "ChangePlan",
      operation: { ...(await f.client.getOperation(id, opId)), status: "Failed" },
      remoteReadAt: await readDatabaseClock(f.h.db.db),
      remote: await f.client.getSubscription(id),
      notificationTimeStamp: null,
    });
    await trackPendingOperations(f.h.db.db, f.client, opts);
    expect(schedule.size).toBe(0);
  });

  it("runs in the background until stopped", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    const tracker = startOperationTracker({ getDb: async () => f.h.db.db, getClient: () => f.client, intervalMs: 50 });
    try {
      started(await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor }));
      // Real time here: the 300 ms window and the 50 ms rounds both run; only the deadline is generous.
      await expect
        .poll(async () => (await getSubscriptionById(f.h.db.db, id))?.planId, { timeout: 20_000, interval: 50 })
        .toBe("professional");
    } finally {
      await tracker.stop();
    }
  });
});
