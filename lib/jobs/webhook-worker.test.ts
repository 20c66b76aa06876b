import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertOperation } from "@/db/queries/operations";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { FakeMarketplace } from "./testing/fake-marketplace";
import { deliver, effects, inboxRow, later, local, operationRow, quiet, seedLocal, work } from "./testing/worker-fixtures";
import { kickWebhookWorker, startWebhookWorker } from "./webhook-worker";

describe.each(testDatabases("one"))("webhook worker applies each action (%s)", (kind) => {
  let t: TestDatabase;
  let fake: FakeMarketplace;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    fake = new FakeMarketplace();
  });

  it("Subscribe creates an auto-activated subscription from GET subscription", async () => {
    const sub = fake.addSubscription({ planId: "gold" });
    const body = fake.operation(sub.id, "Subscribe");
    expect((await deliver(t.db, body)).outcome).toBe("queued");
    expect(await work(t.db, fake)).toMatchObject({ claimed: 1, processed: 1 });

    const row = await local(t.db, sub.id);
    expect(row).toMatchObject({ status: "Subscribed", provisioningState: "active", planId: "gold", termUnit: "P1M" });
    expect(row?.activatedAt).toBeInstanceOf(Date);
    expect(fake.calls).toEqual(["getOperation", "getSubscription"]);
    expect(await effects(t.db, sub.id)).toEqual({ audits: ["subscription.subscribed"], applied: 1, inbox: 1 });
    expect((await inboxRow(t.db, String(body.id)))?.state).toBe("processed");
  });

  it("Subscribe moves a resolved, pending subscription to active without the landing page", async () => {
    const sub = fake.addSubscription({ saasSubscriptionStatus: "PendingFulfillmentStart", term: { termUnit: "P1M" } });
    await seedLocal(t.db, fake, sub.id, "new");
    fake.subscriptions.get(sub.id)!.saasSubscriptionStatus = "Subscribed";
    await deliver(t.db, fake.operation(sub.id, "Subscribe"));
    await work(t.db, fake);
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Subscribed", provisioningState: "active" });
  });

  it("ChangePlan: accepts early with PATCH Success, then applies the plan once Microsoft reports Succeeded", async () => {
    const sub = fake.addSubscription({ planId: "silver" });
    await seedLocal(t.db, fake, sub.id);
    const body = fake.operation(sub.id, "ChangePlan", { status: "InProgress", planId: "gold", effect: (s) => (s.planId = "gold") });
    expect((await deliver(t.db, body)).status).toBe(200);
    await work(t.db, fake);
    expect(fake.calls).toEqual(["getOperation", "updateOperation", "getOperation", "getSubscription"]);
    expect((await local(t.db, sub.id))?.planId).toBe("gold");
    expect(await operationRow(t.db, String(body.id))).toMatchObject({ status: "Succeeded", requestedPlanId: "gold", source: "Azure" });
    expect((await effects(t.db, sub.id)).audits).toEqual(["subscription.plan_changed"]);
  });

  it("ChangeQuantity the portal started is completed, not PATCHed, and waits while InProgress", async () => {
    const sub = fake.addSubscription({ planId: "seats", quantity: 5 });
    await seedLocal(t.db, fake, sub.id);
    const body = fake.operation(sub.id, "ChangeQuantity", {
      status: "InProgress",
      quantity: 8,
      source: "Partner",
      effect: (s) => (s.quantity = 8),
    });
    await insertOperation(t.db, {
      id: String(body.id),
      subscriptionId: sub.id,
      action: "ChangeQuantity",
      status: "InProgress",
      source: "Partner",
      requestedQuantity: 8,
      requestedBy: "staff@contoso.example",
    });
    await deliver(t.db, body);

    expect(await work(t.db, fake)).toMatchObject({ retried: 1 });
    const waiting = await inboxRow(t.db, String(body.id));
    expect(waiting).toMatchObject({ state: "received", attempts: 1, lastError: "operation still InProgress" });
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(fake.calls).not.toContain("updateOperation");
    expect((await local(t.db, sub.id))?.quantity).toBe(5);

    fake.complete(String(body.id));
    expect(await work(t.db, fake, { now: later(60_000) })).toMatchObject({ processed: 1 });
    expect((await local(t.db, sub.id))?.quantity).toBe(8);
    expect(await operationRow(t.db, String(body.id))).toMatchObject({
      source: "Partner",
      status: "Succeeded",
      requestedBy: "staff@contoso.example",
    });
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["subscription.quantity_changed"], applied: 1 });
  });

  it("Renew refreshes the term dates", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    await deliver(
      t.db,
      fake.operation(sub.id, "Renew", {
        effect: (s) => (s.term = { termUnit: "P1M", startDate: "2026-12-01T00:00:00Z", endDate: "2026-12-31T00:00:00Z" }),
      }),
    );
    await work(t.db, fake);
    const row = await local(t.db, sub.id);
    expect(row?.termStartDate?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(row?.termEndDate?.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(row?.status).toBe("Subscribed");
  });

  it("Suspend restricts, Reinstate restores once Subscribed, Unsubscribe deprovisions, and data is kept", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    await deliver(t.db, fake.operation(sub.id, "Suspend", { effect: (s) => (s.saasSubscriptionStatus = "Suspended") }));
    await work(t.db, fake);
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Suspended", provisioningState: "suspended" });

    // Reinstate arrives InProgress; the subscription stays Suspended until it completes.
    const reinstate = fake.operation(sub.id, "Reinstate", {
      status: "InProgress",
      effect: (s) => (s.saasSubscriptionStatus = "Subscribed"),
    });
    await deliver(t.db, reinstate);
    await work(t.db, fake);
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Subscribed", provisioningState: "active" });

    await deliver(t.db, fake.operation(sub.id, "Unsubscribe", { effect: (s) => (s.saasSubscriptionStatus = "Unsubscribed") }));
    await work(t.db, fake);
    const row = await local(t.db, sub.id);
    expect(row).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned", planId: "silver" });
    expect(row?.purchaserEmail).toBe("kim@fabrikam.example");
    expect((await effects(t.db, sub.id)).audits).toEqual([
      "subscription.suspended",
      "subscription.reinstated",
      "subscription.unsubscribed",
    ]);
  });

  it("Unsubscribe of a purchase the portal never saw records it as deprovisioned", async () => {
    const sub = fake.addSubscription({ saasSubscriptionStatus: "Unsubscribed" });
    await deliver(t.db, fake.operation(sub.id, "Unsubscribe"));
    await work(t.db, fake);
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });
  });

  it("a Failed operation is recorded, not applied", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    const body = fake.operation(sub.id, "ChangePlan", { status: "Failed", planId: "gold" });
    await deliver(t.db, body);
    expect(await work(t.db, fake)).toMatchObject({ ignored: 1 });
    expect((await local(t.db, sub.id))?.planId).toBe("silver");
    expect(await operationRow(t.db, String(body.id))).toMatchObject({ status: "Failed", appliedAt: null });
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["operation.failed"], applied: 0 });
  });

  it("an illegal transition is audited and not applied", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    await deliver(t.db, fake.operation(sub.id, "Reinstate"));
    expect(await work(t.db, fake)).toMatchObject({ ignored: 1 });
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Subscribed", provisioningState: "active" });
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["subscription.transition_refused"], applied: 0 });
  });

  it("a started worker runs when woken, and not after it stopped", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    const worker = startWebhookWorker({ getDb: async () => t.db, getClient: () => fake, intervalMs: 60 * 60 * 1000, log: quiet });
    const renew = fake.operation(sub.id, "Renew");
    await deliver(t.db, renew);
    kickWebhookWorker();
    await expect.poll(async () => (await inboxRow(t.db, String(renew.id)))?.state, { timeout: 10_000, interval: 50 }).toBe("processed");
    await worker.stop();

    const suspend = fake.operation(sub.id, "Suspend", { effect: (s) => (s.saasSubscriptionStatus = "Suspended") });
    await deliver(t.db, suspend);
    kickWebhookWorker();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await inboxRow(t.db, String(suspend.id)))?.state).toBe("received");
    await work(t.db, fake);
  });

  describe("verification with GET operation", () => {
    type Forge = (f: FakeMarketplace, id: string) => Record<string, unknown>;
    it.each<[string, Forge]>([
      ["an operation Microsoft does not know", (f: FakeMarketplace, id: string) => ({ ...f.operation(id, "Renew"), id: randomUUID() })],
      [
        "an operation of another subscription",
        (f: FakeMarketplace, id: string) => ({ ...f.operation(f.addSubscription().id, "Renew"), subscriptionId: id }),
      ],
      ["an action that does not match", (f: FakeMarketplace, id: string) => ({ ...f.operation(id, "Renew"), action: "Unsubscribe" })],
    ])("refuses %s: failed, audited, nothing applied", async (_name, forge) => {
      const sub = fake.addSubscription();
      await seedLocal(t.db, fake, sub.id);
      const body = forge(fake, sub.id);
      await deliver(t.db, body);
      expect(await work(t.db, fake)).toMatchObject({ failed: 1 });
      expect((await inboxRow(t.db, String(body.id)))?.state).toBe("failed");
      expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["webhook.verification_failed"], applied: 0 });
      expect(await local(t.db, sub.id)).toMatchObject({ status: "Subscribed", provisioningState: "active" });
    });
  });
});
