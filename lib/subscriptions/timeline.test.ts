import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { insertOperation } from "@/db/queries/operations";
import { insertInboxItem } from "@/db/queries/webhook-inbox";
import { loadTimeline, mergeTimeline } from "./timeline";

describe("timeline merge", () => {
  it("orders every source newest first, with an effect above its cause at equal times", () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, s));
    const entries = mergeTimeline({
      audit: [
        {
          id: 1,
          occurredAt: at(5),
          actorType: "marketplace",
          actorId: "Azure",
          actorEmail: null,
          action: "subscription.plan_changed",
          targetType: "subscription",
          targetId: "s",
          changes: { planId: { from: "a", to: "b" } },
          metadata: {},
          requestId: null,
          correlationId: null,
        },
      ],
      extra: [{ key: "usage-1", at: at(9), source: "audit", title: "Usage sent", detail: null, actor: null, tone: "progress" }],
      inbox: [
        {
          id: "w1",
          operationId: "o1",
          subscriptionId: "s",
          action: "ChangePlan",
          payload: { status: "InProgress" },
          headers: {},
          state: "processed",
          attempts: 1,
          nextAttemptAt: at(5),
          lastError: null,
          decision: "accepted",
          stateReason: null,
          receivedAt: at(5),
          processedAt: at(6),
          updatedAt: at(6),
        },
      ],
    });
    expect(entries.map((e) => [e.key, e.title, e.tone])).toEqual([
      ["usage-1", "Usage sent", "progress"],
      ["audit-1", "Plan changed", "positive"],
      ["webhook-w1", "Webhook: ChangePlan (InProgress)", "positive"],
    ]);
    expect(entries[1]?.detail).toBe("planId: a → b");
    expect(entries[1]?.actor).toBe("Microsoft");
  });
});

describe.each(testDatabases("one"))("timeline from the database on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it("merges webhooks, operations and audit events of one subscription only", async () => {
    const id = randomUUID();
    const opId = randomUUID();
    await insertOperation(t.db, {
      id: opId,
      subscriptionId: id,
      action: "ChangeQuantity",
      status: "InProgress",
      source: "Partner",
      requestedQuantity: 12,
      requestedBy: "operator@isv.example",
    });
    await insertAuditEvent(t.db, {
      actorType: "staff",
      actorEmail: "operator@isv.example",
      action: "subscription.cancellation_requested",
      targetType: "subscription",
      targetId: id,
      metadata: { reason: "asked by phone" },
    });
    await insertInboxItem(t.db, {
      operationId: randomUUID(),
      subscriptionId: id,
      action: "Suspend",
      payload: { status: "Succeeded" },
      state: "failed",
      stateReason: "GET operation: not found",
    });
    await insertAuditEvent(t.db, {
      actorType: "system",
      action: "subscription.activated",
      targetType: "subscription",
      targetId: randomUUID(),
    });

    const entries = await loadTimeline(t.db, id);
    expect(entries.map((e) => e.source).sort()).toEqual(["audit", "operation", "webhook"]);
    const byKey = Object.fromEntries(entries.map((e) => [e.source, e]));
    expect(byKey.operation).toMatchObject({
      title: "ChangeQuantity to 12 (started here)",
      tone: "progress",
      actor: "operator@isv.example",
    });
    expect(byKey.audit).toMatchObject({ title: "Cancellation requested", detail: "Reason: asked by phone" });
    expect(byKey.webhook).toMatchObject({ tone: "negative", detail: expect.stringContaining("not found") });
  });
});
