import "server-only";
import type { DbOrTx } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit-events";
import { listOperationsForSubscription } from "@/db/queries/partner-operations";
import { listInboxItems } from "@/db/queries/webhook-inbox";
import type { AuditChanges, AuditEvent, MarketplaceOperation, WebhookInboxRow } from "@/db/schema";
import { outcomeTone, type Tone } from "@/lib/status-tone";
import { auditActionFor } from "./lifecycle";
import {
  changeWords,
  EVENT_WORDS,
  FIELD_WORDS,
  OUTCOME_WORDS,
  REASON,
  RECORD_WORDS,
  STATUS_WORDS,
  whoWords,
  type Outcome,
  type Who,
} from "./timeline-words";

export type TimelineTone = Tone;

/** One technical record behind a change, folded inside its entry. */
export interface TimelineRecord {
  key: string;
  kind: "webhook" | "operation" | "audit";
  at: Date;
  title: string;
  lines: string[];
}

/** One change to the subscription, in plain words, with the records that tell it. */
export interface TimelineEntry {
  /** Unique across entries, for React keys. */
  key: string;
  at: Date;
  title: string;
  detail: string | null;
  tone: TimelineTone;
  records: TimelineRecord[];
}

export type PlanName = (planId: string) => string;

/** Audit action of an applied operation → Microsoft's action. */
const APPLIED = new Map(Object.entries(auditActionFor).map(([action, audit]) => [audit, action]));
const NOT_APPLIED = new Set(["operation.superseded", "operation.dropped", "subscription.transition_refused"]);
/** Started by the customer when Microsoft reports them (Azure source); the rest are Microsoft's own. */
const CUSTOMER_ACTIONS = new Set(["ChangePlan", "ChangeQuantity", "Unsubscribe"]);

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

function words(field: string, v: unknown, planName: PlanName): string {
  if (v === null || v === undefined || v === "") return "—";
  if (field === "planId" && typeof v === "string") return planName(v);
  if (field === "status" && typeof v === "string") return STATUS_WORDS[v] ?? v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return v.join(", ") || "—";
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v)) return v.slice(0, 10);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return typeof v === "object" ? JSON.stringify(v) : String(v as string | number);
}

const arrow = (field: string, c: { from: unknown; to: unknown }, planName: PlanName) =>
  `${words(field, c.from, planName)} → ${words(field, c.to, planName)}`;

/**
 * "Seats 12 → 20; the plan Starter → Professional", leaving out the portal's internal fields and
 * values seen for the first time (a first reading fills every field; the records keep them).
 */
function changeList(changes: AuditChanges, planName: PlanName, skip: string[] = []): string | null {
  const parts = Object.entries(changes)
    .filter(([f, c]) => FIELD_WORDS[f] && !skip.includes(f) && c.from !== null && c.from !== undefined)
    .map(([f, c]) => `${FIELD_WORDS[f]} ${arrow(f, c, planName)}`);
  if (parts.length === 0) return null;
  const text = parts.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function auditWho(e: AuditEvent): Who {
  if (e.actorType === "staff") return { kind: "staff", email: e.actorEmail };
  if (e.actorType === "user") return { kind: "customer", email: e.actorEmail };
  if (e.actorType === "system") return { kind: "portal" };
  return { kind: "microsoft" };
}

function auditRecord(e: AuditEvent): TimelineRecord {
  const meta = e.metadata;
  const lines = [
    `By ${e.actorType}${e.actorEmail ? ` ${e.actorEmail}` : e.actorId ? ` ${e.actorId}` : ""}`,
    ...Object.entries(e.changes).map(([f, c]) => `${f}: ${JSON.stringify(c.from ?? null)} → ${JSON.stringify(c.to ?? null)}`),
    ...(["reason", "error", "operationId", "inboxId"] as const).flatMap((k) => (str(meta[k]) ? [`${k}: ${str(meta[k])}`] : [])),
    `Audit event #${e.id}`,
    ...(e.requestId ? [`Request ID ${e.requestId}`] : []),
    ...(e.correlationId ? [`Correlation ID ${e.correlationId}`] : []),
  ];
  return { key: `audit-${e.id}`, kind: "audit", at: e.occurredAt, title: RECORD_WORDS.audit(e.action), lines };
}

function operationRecord(o: MarketplaceOperation): TimelineRecord {
  const lines = [
    o.source === "Partner" ? RECORD_WORDS.startedHere(o.requestedBy) : RECORD_WORDS.startedAtMicrosoft,
    ...(o.requestedPlanId ? [`Requested plan: ${o.requestedPlanId}`] : []),
    ...(o.requestedQuantity !== null ? [`Requested quantity: ${o.requestedQuantity}`] : []),
    ...(o.errorMessage ? [o.errorMessage] : []),
    ...(o.completedAt ? [`Completed ${o.completedAt.toISOString()}`] : []),
    `Operation ID ${o.id}`,
  ];
  return { key: `operation-${o.id}`, kind: "operation", at: o.createdAt, title: RECORD_WORDS.operation(o.action, o.status), lines };
}

function webhookRecord(w: WebhookInboxRow): TimelineRecord {
  const status = str(w.payload.status);
  const lines = [
    `Inbox: ${w.state}${w.attempts > 1 ? ` after ${w.attempts} attempts` : ""}`,
    ...(status ? [`Operation status: ${status}`] : []),
    ...(w.decision ? [`Answered: ${w.decision}`] : []),
    ...(w.stateReason ? [w.stateReason] : []),
    ...(w.lastError ? [w.lastError] : []),
    `Operation ID ${w.operationId}`,
    `Inbox row ${w.id}`,
  ];
  return { key: `webhook-${w.id}`, kind: "webhook", at: w.receivedAt, title: RECORD_WORDS.webhook(w.action), lines };
}

interface Group {
  id: string;
  audit: AuditEvent[];
  operation?: MarketplaceOperation;
  inbox?: WebhookInboxRow;
}

/** What happened to one Microsoft operation: the operation row, its webhook and the audit rows that cite it. */
function operationEntry(g: Group, planName: PlanName): TimelineEntry {
  const { operation: op, inbox } = g;
  const action =
    op?.action ??
    inbox?.action ??
    str(g.audit.find((a) => str(a.metadata.action))?.metadata.action) ??
    g.audit.map((a) => APPLIED.get(a.action)).find(Boolean) ??
    "change";
  const changes: AuditChanges = Object.assign({}, ...g.audit.map((a) => a.changes)) as AuditChanges;
  // A replay is staff handling the notification, not staff making the change.
  const person = g.audit.find((a) => (a.actorType === "staff" || a.actorType === "user") && !a.action.startsWith("webhook."));
  const fromSuspended = (changes.status?.from ?? null) === "Suspended";
  const who: Who = person
    ? auditWho(person)
    : op?.source === "Partner"
      ? { kind: "staff", email: op.requestedBy }
      : CUSTOMER_ACTIONS.has(action) && !fromSuspended
        ? { kind: "customer" }
        : { kind: "microsoft" };

  const has = (test: (a: AuditEvent) => boolean) => g.audit.find(test);
  const failed = op?.status === "Failed" || op?.status === "Conflict" ? op : undefined;
  const failedAudit = has((a) => a.action === "operation.failed");
  const rejected = has((a) => a.action === "operation.rejected");
  const notApplied = has((a) => NOT_APPLIED.has(a.action));
  const applied = has((a) => APPLIED.has(a.action));
  let outcome: Outcome;
  let reason: string | null = null;
  if (failed || failedAudit) {
    outcome = "failed";
    reason = failed?.errorMessage ?? str(failedAudit?.metadata.reason);
  } else if (rejected || inbox?.decision === "rejected") {
    outcome = "refused";
    reason = str(rejected?.metadata.reason) ?? inbox?.stateReason ?? null;
  } else if (applied) {
    outcome = "done";
  } else if (inbox && (inbox.state === "failed" || inbox.state === "dead_letter")) {
    outcome = "undelivered";
    reason = inbox.lastError ?? inbox.stateReason;
  } else if (notApplied) {
    outcome = "notApplied";
    reason = str(notApplied.metadata.reason);
  } else if ((op && !op.completedAt) || (!op && inbox && (inbox.state === "received" || inbox.state === "processing"))) {
    outcome = "pending";
  } else if (op?.status === "Succeeded") {
    outcome = "done";
  } else {
    outcome = "ignored";
    reason = inbox?.stateReason ?? null;
  }

  const main = action === "ChangePlan" ? "planId" : action === "ChangeQuantity" ? "quantity" : null;
  const requested = action === "ChangePlan" ? op?.requestedPlanId : action === "ChangeQuantity" ? op?.requestedQuantity : null;
  const what =
    main && changes[main]
      ? ` ${arrow(main, changes[main], planName)}`
      : requested != null
        ? ` to ${words(main!, requested, planName)}`
        : "";
  const verb = outcome === "done" ? changeWords(action).done : changeWords(action).asked;
  const ending = outcome === "done" ? "" : `: ${OUTCOME_WORDS[outcome]}${reason ? ` (${reason})` : ""}`;
  const staffReason = str(person?.metadata.reason);
  // Status follows from the action itself; the other fields that moved are worth a line.
  const others = outcome === "done" || outcome === "notApplied" ? changeList(changes, planName, [main ?? "", "status"]) : null;

  const records = [...(inbox ? [webhookRecord(inbox)] : []), ...(op ? [operationRecord(op)] : []), ...g.audit.map(auditRecord)];
  return {
    key: `change-${g.id}`,
    at: latest(records),
    title: `${whoWords(who)} ${verb}${what}${ending}`,
    detail: [staffReason ? REASON(staffReason) : null, others].filter(Boolean).join(" · ") || null,
    tone:
      outcome === "done"
        ? outcomeTone(action)
        : outcome === "pending"
          ? "progress"
          : outcome === "notApplied" || outcome === "ignored"
            ? "ended"
            : "negative",
    records: records.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}

/** An audit row that no Microsoft operation explains: a purchase, an activation, a refusal, a sync. */
function eventEntry(e: AuditEvent, planName: PlanName): TimelineEntry {
  const who = whoWords(auditWho(e));
  const plan = e.changes.planId?.to;
  const seats = e.changes.quantity?.to;
  const ctx = {
    plan: typeof plan === "string" ? planName(plan) : null,
    seats: typeof seats === "number" ? String(seats) : null,
    error: str(e.metadata.error),
  };
  const sentence = EVENT_WORDS[e.action];
  const reason = str(e.metadata.reason);
  const list = e.action === "subscription.purchased" ? null : changeList(e.changes, planName);
  const failed = /failed|refused/.test(e.action);
  return {
    key: `audit-${e.id}`,
    at: e.occurredAt,
    title: sentence ? sentence(who, ctx) : `${who}: ${e.action}`,
    detail: [reason ? REASON(reason) : null, list].filter(Boolean).join(" · ") || null,
    tone: failed
      ? "negative"
      : e.action === "subscription.change_unconfirmed"
        ? "waiting"
        : e.action.endsWith("_requested")
          ? "progress"
          : "positive",
    records: [auditRecord(e)],
  };
}

const latest = (records: TimelineRecord[]) => new Date(Math.max(...records.map((r) => r.at.getTime())));

/**
 * One entry per change, newest first: the webhook, the operation and the audit rows that share
 * Microsoft's operation ID tell one change; audit rows of no operation are changes of their own.
 * Further sources (usage, deliveries) pass their entries in `extra`.
 */
export function buildTimeline(sources: {
  inbox?: WebhookInboxRow[];
  operations?: MarketplaceOperation[];
  audit?: AuditEvent[];
  planName?: PlanName;
  extra?: TimelineEntry[];
}): TimelineEntry[] {
  const planName = sources.planName ?? ((id: string) => id);
  const groups = new Map<string, Group>();
  const group = (id: string) => {
    const key = id.toLowerCase();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { id: key, audit: [] }));
    return g;
  };
  for (const o of sources.operations ?? []) group(o.id).operation = o;
  for (const w of sources.inbox ?? []) group(w.operationId).inbox = w;
  const loose: AuditEvent[] = [];
  for (const e of sources.audit ?? []) {
    const op = str(e.metadata.operationId);
    if (op) group(op).audit.push(e);
    else loose.push(e);
  }
  const entries = [
    ...[...groups.values()].map((g) => operationEntry(g, planName)),
    ...loose.map((e) => eventEntry(e, planName)),
    ...(sources.extra ?? []),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key));
}

export async function loadTimeline(db: DbOrTx, subscriptionId: string, planName?: PlanName, limit = 200): Promise<TimelineEntry[]> {
  const [inbox, operations, audit] = await Promise.all([
    listInboxItems(db, { subscriptionId, limit }),
    listOperationsForSubscription(db, subscriptionId, limit),
    listAuditEvents(db, { targetType: "subscription", targetId: subscriptionId, limit }),
  ]);
  return buildTimeline({ inbox, operations, audit, planName }).slice(0, limit);
}
