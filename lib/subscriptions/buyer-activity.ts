import "server-only";
import type { DbOrTx } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit-events";
import type { AuditEvent } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";

/** What happened, as the buyer pages name it (messages' `Activity` keys). */
export type ActivityKind =
  | "confirmed"
  | "activated"
  | "seatsRequested"
  | "seatsChanged"
  | "planRequested"
  | "planChanged"
  | "cancelRequested"
  | "cancelled"
  | "refused"
  | "renewed"
  | "suspended"
  | "reinstated";

/** Who did it, without naming staff or other people: the buyer sees "you", the provider, Microsoft or "someone else". */
export type ActivityWho = "you" | "someone" | "provider" | "microsoft";

export interface ActivityEntry {
  id: number;
  at: Date;
  kind: ActivityKind;
  who: ActivityWho;
  /** The new plan or seat count, where the row names one. */
  value: string | null;
}

// Only what a buyer needs to follow their subscription; the dashboard's timeline keeps every row.
const KINDS: Record<string, ActivityKind> = {
  "subscription.confirmed": "confirmed",
  "subscription.activated": "activated",
  "subscription.quantity_change_requested": "seatsRequested",
  "subscription.quantity_changed": "seatsChanged",
  "subscription.plan_change_requested": "planRequested",
  "subscription.plan_changed": "planChanged",
  "subscription.cancellation_requested": "cancelRequested",
  "subscription.unsubscribed": "cancelled",
  "subscription.change_refused": "refused",
  "subscription.renewed": "renewed",
  "subscription.suspended": "suspended",
  "subscription.reinstated": "reinstated",
};

function whoOf(e: AuditEvent, user: PortalUser): ActivityWho {
  if (e.actorType === "user") return e.actorId?.toLowerCase() === user.id.toLowerCase() ? "you" : "someone";
  if (e.actorType === "marketplace") return "microsoft";
  return "provider";
}

function valueOf(e: AuditEvent): string | null {
  const change = e.changes.quantity ?? e.changes.planId;
  const to = change?.to;
  return typeof to === "string" || typeof to === "number" ? String(to) : null;
}

/** A subscription's history in plain words for its buyer, newest first, from the audit rows. */
export async function loadBuyerActivity(db: DbOrTx, subscriptionId: string, user: PortalUser, limit = 20): Promise<ActivityEntry[]> {
  const rows = await listAuditEvents(db, { targetType: "subscription", targetId: subscriptionId, limit: 100 });
  const out: ActivityEntry[] = [];
  for (const e of rows) {
    const kind = KINDS[e.action];
    if (kind) out.push({ id: e.id, at: e.occurredAt, kind, who: whoOf(e, user), value: valueOf(e) });
    if (out.length >= limit) break;
  }
  return out;
}
