import { randomUUID } from "node:crypto";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { insertEndpoint } from "@/db/queries/outbound";
import type { DbOrTx } from "@/db/client";
import { subscriptions, type AuditChanges } from "@/db/schema";
import type { OutboundEventType } from "../event-types";
import { generateSecret } from "../signing";

export function addEndpoint(
  db: DbOrTx,
  url: string,
  eventTypes: OutboundEventType[],
  extra: { enabled?: boolean; description?: string } = {},
) {
  return insertEndpoint(db, { url, eventTypes, secret: generateSecret(), createdBy: "owner@isv.example", ...extra });
}

export function audit(db: DbOrTx, action: string, opts: { subscriptionId?: string; changes?: AuditChanges; targetType?: string } = {}) {
  return insertAuditEvent(db, {
    actorType: "marketplace",
    actorId: "Azure",
    action,
    targetType: opts.targetType ?? "subscription",
    targetId: opts.subscriptionId ?? randomUUID(),
    // A notification that changed nothing is no news (event-types.ts): by default, something changed.
    changes: opts.changes ?? { autoRenew: { from: false, to: true } },
    metadata: { operationId: randomUUID() },
  });
}

export async function addSubscription(db: DbOrTx, values: { planId?: string; quantity?: number } = {}) {
  const id = randomUUID();
  await db.insert(subscriptions).values({
    id,
    name: "Contoso analytics",
    offerId: "contoso-analytics",
    planId: values.planId ?? "starter",
    quantity: values.quantity ?? null,
    status: "Subscribed",
    provisioningState: "active",
  });
  return id;
}

/** A clock the test moves by hand, for back-off schedules. */
export function manualClock(start = new Date("2026-03-01T10:00:00Z")) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms), at: (ms: number) => new Date(start.getTime() + ms) };
}
