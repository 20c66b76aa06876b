import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { insertOperation } from "@/db/queries/operations";
import { insertInboxItem } from "@/db/queries/webhook-inbox";
import type { AuditEvent, MarketplaceOperation, WebhookInboxRow } from "@/db/schema";
import { buildTimeline, loadTimeline } from "./timeline";

const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, s));
const names: Record<string, string> = { starter: "Starter", professional: "Professional", enterprise: "Enterprise" };
const planName = (id: string) => names[id] ?? id;

let auditId = 0;
const audit = (e: Partial<AuditEvent> & Pick<AuditEvent, "action">): AuditEvent => ({
  id: ++auditId,
  occurredAt: at(0),
  actorType: "marketplace",
  actorId: "Azure",
  actorEmail: null,
  targetType: "subscription",
  targetId: "s",
  changes: {},
  metadata: {},
  requestId: null,
  correlationId: null,
  ...e,
});
const operation = (o: Partial<MarketplaceOperation> & Pick<MarketplaceOperation, "id" | "action">): MarketplaceOperation => ({
  subscriptionId: "s",
  status: "Succeeded",
  source: "Azure",
  requestedPlanId: null,
  requestedQuantity: null,
  operationLocation: null,
  errorMessage: null,
  marketplaceTimestamp: null,
  requestedBy: null,
  appliedAt: at(2),
  completedAt: at(2),
  createdAt: at(1),
  updatedAt: at(2),
  ...o,
});
const webhook = (w: Partial<WebhookInboxRow> & Pick<WebhookInboxRow, "operationId" | "action">): WebhookInboxRow => ({
  id: `inbox-${w.operationId}`,
  subscriptionId: "s",
  payload: { status: "Succeeded" },
  headers: {},
  state: "processed",
  attempts: 1,
  nextAttemptAt: at(1),
  lastError: null,
  decision: "accepted",
  stateReason: null,
  receivedAt: at(1),
  processedAt: at(2),
  updatedAt: at(2),
  ...w,
});

describe("timeline", () => {
  it("tells a customer's change as one entry, with the webhook, operation and audit row folded inside", () => {
    const entries = buildTimeline({
      planName,
      inbox: [webhook({ operationId: "OP-1", action: "ChangeQuantity" })],
      operations: [operation({ id: "op-1", action: "ChangeQuantity", requestedQuantity: 20 })],
      audit: [
        audit({
          action: "subscription.quantity_changed",
          occurredAt: at(2),
          changes: { quantity: { from: 12, to: 20 } },
          metadata: { operationId: "op-1" },
        }),
      ],
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ title: "Customer changed seats 12 → 20", tone: "positive", detail: null, at: at(2) });
    expect(entries[0]!.records.map((r) => r.kind)).toEqual(["webhook", "operation", "audit"]);
    expect(entries[0]!.records[0]!.lines).toContain("Answered: accepted");
  });

  it("says Microsoft suspended the subscription because payment failed, not in success green", () => {
    const [entry] = buildTimeline({
      operations: [operation({ id: "op-2", action: "Suspend" })],
      audit: [
        audit({
          action: "subscription.suspended",
          occurredAt: at(3),
          changes: { status: { from: "Subscribed", to: "Suspended" } },
          metadata: { operationId: "op-2" },
        }),
      ],
    });
    expect(entry).toMatchObject({ title: "Microsoft suspended the subscription: payment failed", tone: "warning" });
  });

  it("names the staff member who changed the plan, with plan display names and the reason given", () => {
    const [entry] = buildTimeline({
      planName,
      operations: [
        operation({
          id: "op-3",
          action: "ChangePlan",
          source: "Partner",
          requestedPlanId: "professional",
          requestedBy: "alice@isv.example",
        }),
      ],
      audit: [
        audit({
          action: "subscription.plan_change_requested",
          actorType: "staff",
          actorEmail: "alice@isv.example",
          changes: { planId: { from: "starter", to: "professional" } },
          metadata: { operationId: "op-3", reason: "upgrade agreed" },
        }),
        audit({
          action: "subscription.plan_changed",
          actorId: "Partner",
          occurredAt: at(4),
          changes: {
            planId: { from: "starter", to: "professional" },
            termEndDate: { from: "2026-03-31T00:00:00.000Z", to: "2027-02-28T00:00:00.000Z" },
          },
          metadata: { operationId: "op-3" },
        }),
      ],
    });
    expect(entry).toMatchObject({
      title: "Staff (alice@isv.example) changed the plan Starter → Professional",
      detail: "Reason: upgrade agreed · The term end 2026-03-31 → 2027-02-28",
      at: at(4),
    });
    expect(entry!.records).toHaveLength(3);
  });

  it("shows what is still waiting for Microsoft, what failed and what the portal refused", () => {
    const entries = buildTimeline({
      planName,
      operations: [
        operation({
          id: "op-4",
          action: "ChangeQuantity",
          source: "Partner",
          status: "InProgress",
          completedAt: null,
          requestedQuantity: 12,
          requestedBy: "bob@isv.example",
        }),
        operation({
          id: "op-5",
          action: "ChangePlan",
          status: "Failed",
          requestedPlanId: "enterprise",
          errorMessage: "card declined",
          createdAt: at(6),
        }),
      ],
      inbox: [
        webhook({
          operationId: "op-6",
          action: "ChangePlan",
          decision: "rejected",
          stateReason: "downgrades are refused",
          receivedAt: at(7),
        }),
      ],
      audit: [
        audit({
          action: "operation.rejected",
          occurredAt: at(7),
          changes: { planId: { from: "professional", to: "starter" } },
          metadata: { operationId: "op-6", reason: "downgrades are refused" },
        }),
      ],
    });
    expect(entries.map((e) => [e.title, e.tone])).toEqual([
      ["Customer asked to change the plan Professional → Starter: refused by the portal (downgrades are refused)", "negative"],
      ["Customer asked to change the plan to Enterprise: failed at Microsoft (card declined)", "negative"],
      ["Staff (bob@isv.example) asked to change seats to 12: waiting for Microsoft", "progress"],
    ]);
  });

  it("tells changes outside any operation on their own, and keeps a replay from claiming the change", () => {
    const entries = buildTimeline({
      planName,
      audit: [
        audit({
          action: "subscription.purchased",
          actorType: "user",
          actorEmail: "alex@contoso.example",
          changes: { planId: { from: null, to: "starter" }, quantity: { from: null, to: 5 } },
        }),
        audit({
          action: "subscription.activation_failed",
          actorType: "staff",
          actorEmail: "ops@isv.example",
          occurredAt: at(1),
          metadata: { error: "HTTP 500" },
        }),
        audit({
          action: "webhook.replayed",
          actorType: "staff",
          actorEmail: "ops@isv.example",
          occurredAt: at(3),
          metadata: { operationId: "op-7" },
        }),
        audit({ action: "subscription.reinstated", occurredAt: at(4), metadata: { operationId: "op-7" } }),
      ],
    });
    expect(entries.map((e) => e.title)).toEqual([
      "Microsoft reinstated the subscription: payment received",
      "Staff (ops@isv.example) could not activate the subscription: HTTP 500",
      "Customer (alex@contoso.example) bought Starter (5 seats)",
    ]);
    expect(entries[0]!.records.map((r) => r.title)).toEqual(["Audit: webhook.replayed", "Audit: subscription.reinstated"]);
  });
});

describe.each(testDatabases("one"))("timeline from the database on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it("reads the webhooks, operations and audit events of one subscription only", async () => {
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
    expect(entries.map((e) => e.title).sort()).toEqual([
      "Microsoft asked to suspend the subscription: the notification could not be processed (GET operation: not found)",
      "Staff (operator@isv.example) asked to cancel the subscription",
      "Staff (operator@isv.example) asked to change seats to 12: waiting for Microsoft",
    ]);
    const cancel = entries.find((e) => e.title.includes("cancel"));
    expect(cancel).toMatchObject({ detail: "Reason: asked by phone", tone: "progress" });
    expect(entries.find((e) => e.title.includes("suspend"))?.tone).toBe("negative");
  });
});
