import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOperation, upsertPlanPolicy } from "@/db/queries/operations";
import { upsertSubscription, updateSubscription } from "@/db/queries/subscriptions";
import { offers, plans } from "@/db/schema";
import type { ProvisioningState } from "@/lib/subscriptions/lifecycle";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { effects, inboxRow } from "@/lib/jobs/testing/worker-fixtures";
import { ingestNotification } from "./ingest";
import { parseNotification } from "./payload";

const OFFER = "contoso-analytics";

describe.each(testDatabases("one"))("webhook ingest and the 10-second decision (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(offers).values({ id: OFFER, displayName: "Contoso analytics" });
    const terms = (monthly: number) => [
      { termUnit: "P1M", price: monthly, currency: "USD" },
      { termUnit: "P1Y", price: monthly * 10, currency: "USD" },
    ];
    await t.db.insert(plans).values([
      { offerId: OFFER, planId: "bronze", displayName: "Bronze", billingTerms: terms(20), minQuantity: 1, maxQuantity: 5 },
      { offerId: OFFER, planId: "gold", displayName: "Gold", billingTerms: terms(50), minQuantity: 5, maxQuantity: 50 },
      { offerId: OFFER, planId: "platinum", displayName: "Platinum", billingTerms: terms(90) },
    ]);
    await upsertPlanPolicy(t.db, { offerId: OFFER, planId: "gold", changePolicy: "reject_downgrades" });
    await upsertPlanPolicy(t.db, { offerId: OFFER, planId: "platinum", changePolicy: "reject_outside_quantity_range" });
  });
  afterAll(async () => t?.close());

  async function subscription(planId: string, provisioningState: ProvisioningState = "active", quantity: number | null = 10) {
    const id = randomUUID();
    await upsertSubscription(t.db, { id, name: "Fabrikam", offerId: OFFER, planId, quantity, status: "Subscribed" });
    await updateSubscription(t.db, id, { provisioningState });
    return id;
  }
  function ingest(body: Record<string, unknown>) {
    const parsed = parseNotification({ id: randomUUID(), operationRequestSource: "Azure", ...body });
    if (!parsed.ok) throw new Error(parsed.reason);
    return ingestNotification(t.db, parsed.notification, { headers: { "x-ms-requestid": "req-42" } });
  }

  it("queues a notification once and answers duplicates with 200 without a second row", async () => {
    const id = randomUUID();
    const subscriptionId = await subscription("gold");
    const body = { id, subscriptionId, action: "Renew" };
    expect(await ingest(body)).toMatchObject({ status: 200, outcome: "queued" });
    expect(await ingest(body)).toMatchObject({ status: 200, outcome: "duplicate" });
    expect(await inboxRow(t.db, id)).toMatchObject({ state: "received", decision: "accepted", headers: { "x-ms-requestid": "req-42" } });
    expect((await effects(t.db, subscriptionId)).inbox).toBe(1);
  });

  it("stores an unknown action such as Transfer as ignored and acknowledges it", async () => {
    const id = randomUUID();
    const before = Date.now();
    expect(await ingest({ id, subscriptionId: randomUUID(), action: "Transfer" })).toMatchObject({ status: 200, outcome: "ignored" });
    const row = await inboxRow(t.db, id);
    expect(row).toMatchObject({
      state: "ignored",
      stateReason: "unknown action Transfer",
      decision: null,
      payload: { action: "Transfer" },
    });
    // Stored as the same instant, whichever driver wrote it.
    expect(row?.processedAt?.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(row?.processedAt?.getTime()).toBeLessThanOrEqual(Date.now() + 1);
  });

  it("rejects a downgrade under reject_downgrades, records why, and answers a redelivery the same way", async () => {
    const subscriptionId = await subscription("gold");
    const id = randomUUID();
    const body = { id, subscriptionId, action: "ChangePlan", planId: "bronze", subscription: { planId: "gold" } };
    const first = await ingest(body);
    expect(first).toMatchObject({
      status: 400,
      outcome: "rejected",
      reason: expect.stringMatching(/downgrade from gold \(50\) to bronze \(20\)/),
    });
    expect(await ingest(body)).toMatchObject({ status: 400, outcome: "rejected" });
    expect(await inboxRow(t.db, id)).toMatchObject({ state: "ignored", decision: "rejected" });
    expect(await effects(t.db, subscriptionId)).toMatchObject({ audits: ["operation.rejected"], inbox: 1 });
    expect(await ingest({ id: randomUUID(), subscriptionId, action: "ChangePlan", planId: "platinum" })).toMatchObject({
      status: 200,
      outcome: "queued",
    });
  });

  it("rejects seats outside the plan's range under reject_outside_quantity_range only", async () => {
    const onGold = await subscription("gold");
    expect(await ingest({ subscriptionId: onGold, action: "ChangeQuantity", quantity: 500 })).toMatchObject({ status: 200 });
    const onPlatinum = await subscription("platinum");
    expect(await ingest({ subscriptionId: onPlatinum, action: "ChangePlan", planId: "bronze" })).toMatchObject({
      status: 400,
      reason: expect.stringContaining("bronze"),
    });
  });

  it("rejects while the portal has not finished provisioning; stores a change for a subscription it does not know yet", async () => {
    const pending = await subscription("bronze", "awaiting_approval");
    expect(await ingest({ subscriptionId: pending, action: "ChangeQuantity", quantity: 3 })).toMatchObject({
      status: 400,
      reason: expect.stringContaining("awaiting_approval"),
    });
    const id = randomUUID();
    expect(await ingest({ id, subscriptionId: randomUUID(), action: "ChangePlan", planId: "gold" })).toMatchObject({
      status: 200,
      outcome: "queued",
    });
    expect(await inboxRow(t.db, id)).toMatchObject({
      state: "received",
      decision: "accepted",
      stateReason: expect.stringMatching(/not yet known/),
    });
  });

  it("never rejects an operation the portal started itself", async () => {
    const subscriptionId = await subscription("gold", "activating");
    const id = randomUUID();
    await insertOperation(t.db, {
      id,
      subscriptionId,
      action: "ChangePlan",
      status: "InProgress",
      source: "Partner",
      requestedPlanId: "bronze",
    });
    // Even when the notification omits the source, the recorded Partner operation is recognised.
    expect(await ingest({ id, subscriptionId, action: "ChangePlan", planId: "bronze", operationRequestSource: undefined })).toMatchObject({
      status: 200,
      outcome: "queued",
    });
    expect((await inboxRow(t.db, id))?.stateReason).toBe("started by the portal");
  });

  it("answers notification-only actions without a decision, even while provisioning", async () => {
    const subscriptionId = await subscription("gold", "new");
    for (const action of ["Suspend", "Unsubscribe", "Renew", "Reinstate", "Subscribe"]) {
      expect(await ingest({ subscriptionId, action })).toMatchObject({ status: 200, outcome: "queued" });
    }
  });
});
