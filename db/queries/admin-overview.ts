import "server-only";
import { and, asc, count, desc, eq, gte, inArray, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  marketplaceOperations,
  offers,
  plans,
  subscriptions,
  webhookInbox,
  type BillingTerm,
  type Subscription,
  type WebhookInboxRow,
} from "../schema";

/** Paying subscriptions only: Microsoft's test assets and dry-run purchases never bill. */
const billable = and(eq(subscriptions.isTest, false), eq(subscriptions.sessionMode, "None"));

export async function getStatusSummary(db: DbOrTx): Promise<Array<{ status: Subscription["status"]; total: number; test: number }>> {
  return db
    .select({
      status: subscriptions.status,
      total: count(),
      test: sql<number>`(count(*) filter (where ${subscriptions.isTest} or ${subscriptions.sessionMode} <> 'None'))::int`,
    })
    .from(subscriptions)
    .groupBy(subscriptions.status);
}

export interface ActivePlanRow {
  offerId: string;
  offerName: string | null;
  planId: string;
  planName: string | null;
  pricingModel: "flat_rate" | "per_user" | null;
  billingTerms: BillingTerm[] | null;
  termUnit: Subscription["termUnit"];
  subscriptions: number;
  seats: number;
  freeTrials: number;
}

/** Active, billable subscriptions per offer, plan and billing term, with the plan's catalogue prices. */
export async function listActiveByPlan(db: DbOrTx): Promise<ActivePlanRow[]> {
  const rows = await db
    .select({
      offerId: subscriptions.offerId,
      offerName: offers.displayName,
      planId: subscriptions.planId,
      planName: plans.displayName,
      pricingModel: plans.pricingModel,
      billingTerms: plans.billingTerms,
      termUnit: subscriptions.termUnit,
      subscriptions: count(),
      seats: sum(subscriptions.quantity).mapWith(Number),
      freeTrials: sql<number>`(count(*) filter (where ${subscriptions.isFreeTrial}))::int`,
    })
    .from(subscriptions)
    .leftJoin(offers, eq(offers.id, subscriptions.offerId))
    .leftJoin(plans, and(eq(plans.offerId, subscriptions.offerId), eq(plans.planId, subscriptions.planId)))
    .where(and(eq(subscriptions.status, "Subscribed"), billable))
    .groupBy(
      subscriptions.offerId,
      offers.displayName,
      subscriptions.planId,
      plans.displayName,
      plans.pricingModel,
      plans.billingTerms,
      subscriptions.termUnit,
    )
    .orderBy(asc(subscriptions.offerId), asc(subscriptions.planId));
  return rows.map((r) => ({ ...r, seats: r.seats ?? 0 }));
}

const MONTHS: Record<string, number> = { P1M: 1, P1Y: 12, P2Y: 24, P3Y: 36, P4Y: 48, P5Y: 60 };

export interface RevenueEstimate {
  /** Per currency, normalised to one month (a yearly price counts a twelfth). */
  monthly: Array<{ currency: string; amount: number }>;
  /** In a free trial: not charged until the trial converts. */
  freeTrials: number;
  /** Active subscriptions whose plan or term has no price in the catalogue. */
  unpriced: number;
}

/** Estimated monthly recurring revenue from catalogue prices; metered usage is not included. */
export function estimateMonthlyRevenue(rows: ActivePlanRow[]): RevenueEstimate {
  const totals = new Map<string, number>();
  let freeTrials = 0;
  let unpriced = 0;
  for (const r of rows) {
    freeTrials += r.freeTrials;
    const paying = r.subscriptions - r.freeTrials;
    if (paying <= 0) continue;
    const terms = r.billingTerms ?? [];
    const term = terms.find((t) => t.termUnit === r.termUnit) ?? (terms.length === 1 ? terms[0] : undefined);
    const months = term ? MONTHS[term.termUnit] : undefined;
    if (!term || !months) {
      unpriced += paying;
      continue;
    }
    // Per-user plans are charged per seat; seats of trial subscriptions are spread evenly (an estimate).
    const units = r.pricingModel === "per_user" ? (r.seats * paying) / r.subscriptions : paying;
    totals.set(term.currency, (totals.get(term.currency) ?? 0) + (term.price / months) * units);
  }
  const monthly = [...totals].map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }));
  return { monthly: monthly.sort((a, b) => b.amount - a.amount), freeTrials, unpriced };
}

export interface PendingActivation {
  id: string;
  name: string;
  offerId: string;
  planId: string;
  offerName: string | null;
  planName: string | null;
  purchaserEmail: string | null;
  purchaserTenantId: string | null;
  status: Subscription["status"];
  provisioningState: Subscription["provisioningState"];
  activationError: string | null;
  since: Date;
}

/** Oldest first, after those waiting for staff: Microsoft cancels a purchase the publisher leaves pending for 30 days. */
export async function listPendingActivations(db: DbOrTx, limit = 8): Promise<{ rows: PendingActivation[]; total: number }> {
  const since = sql<Date>`coalesce(${subscriptions.marketplaceCreatedAt}, ${subscriptions.createdAt})`.mapWith(subscriptions.createdAt);
  const pending = inArray(subscriptions.status, ["PendingFulfillmentStart", "NotStarted"]);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: subscriptions.id,
        name: subscriptions.name,
        offerId: subscriptions.offerId,
        planId: subscriptions.planId,
        offerName: offers.displayName,
        planName: plans.displayName,
        purchaserEmail: subscriptions.purchaserEmail,
        purchaserTenantId: subscriptions.purchaserTenantId,
        status: subscriptions.status,
        provisioningState: subscriptions.provisioningState,
        activationError: subscriptions.activationError,
        since,
      })
      .from(subscriptions)
      .leftJoin(offers, eq(offers.id, subscriptions.offerId))
      .leftJoin(plans, and(eq(plans.offerId, subscriptions.offerId), eq(plans.planId, subscriptions.planId)))
      .where(pending)
      // What staff can act on now (approve, retry) first, then the oldest.
      .orderBy(asc(sql`${subscriptions.provisioningState} not in ('awaiting_approval', 'activation_failed')`), asc(since))
      .limit(limit),
    db.select({ n: count() }).from(subscriptions).where(pending),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** When a subscription was cancelled: its Unsubscribe operation, or its last change if none was recorded. */
const cancelledAt = sql`coalesce((select max(${marketplaceOperations.completedAt}) from ${marketplaceOperations} where ${marketplaceOperations.subscriptionId} = ${subscriptions.id} and ${marketplaceOperations.action} = 'Unsubscribe' and ${marketplaceOperations.status} = 'Succeeded'), ${subscriptions.updatedAt})`;

export interface DailyActivity {
  day: string;
  created: number;
  cancelled: number;
}

/** New and cancelled subscriptions per UTC day over the last `days` days, every day present. */
export async function getDailyActivity(db: DbOrTx, days = 30, now = new Date()): Promise<DailyActivity[]> {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const day = (expr: unknown) => sql<string>`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD')`;
  const [created, cancelled] = await Promise.all([
    db
      .select({ day: day(subscriptions.createdAt), n: count() })
      .from(subscriptions)
      .where(and(gte(subscriptions.createdAt, from), billable))
      .groupBy(day(subscriptions.createdAt)),
    db
      .select({ day: day(cancelledAt), n: count() })
      .from(subscriptions)
      .where(and(eq(subscriptions.status, "Unsubscribed"), sql`${cancelledAt} >= ${from}`, billable))
      .groupBy(day(cancelledAt)),
  ]);
  const index = (rows: Array<{ day: string; n: number }>) => new Map(rows.map((r) => [r.day, r.n]));
  const c = index(created);
  const x = index(cancelled);
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day: d, created: c.get(d) ?? 0, cancelled: x.get(d) ?? 0 };
  });
}

export interface ProblemSummary {
  failedOperations: number;
  latestFailedOperations: Array<{
    id: string;
    subscriptionId: string;
    action: string;
    status: string;
    errorMessage: string | null;
    at: Date;
  }>;
  webhookErrors: number;
  latestWebhookErrors: Array<
    Pick<WebhookInboxRow, "id" | "subscriptionId" | "action" | "state" | "stateReason" | "lastError" | "receivedAt">
  >;
}

/** Failed or conflicting operations since `since`, and webhook calls that failed or were dead-lettered. */
export async function getProblemSummary(db: DbOrTx, since: Date, limit = 5): Promise<ProblemSummary> {
  const failedOp = and(inArray(marketplaceOperations.status, ["Failed", "Conflict"]), gte(marketplaceOperations.updatedAt, since));
  const badInbox = inArray(webhookInbox.state, ["failed", "dead_letter"]);
  const [ops, [opCount], inbox, [inboxCount]] = await Promise.all([
    db
      .select({
        id: marketplaceOperations.id,
        subscriptionId: marketplaceOperations.subscriptionId,
        action: marketplaceOperations.action,
        status: marketplaceOperations.status,
        errorMessage: marketplaceOperations.errorMessage,
        at: marketplaceOperations.updatedAt,
      })
      .from(marketplaceOperations)
      .where(failedOp)
      .orderBy(desc(marketplaceOperations.updatedAt))
      .limit(limit),
    db.select({ n: count() }).from(marketplaceOperations).where(failedOp),
    db
      .select({
        id: webhookInbox.id,
        subscriptionId: webhookInbox.subscriptionId,
        action: webhookInbox.action,
        state: webhookInbox.state,
        stateReason: webhookInbox.stateReason,
        lastError: webhookInbox.lastError,
        receivedAt: webhookInbox.receivedAt,
      })
      .from(webhookInbox)
      .where(badInbox)
      .orderBy(desc(webhookInbox.receivedAt))
      .limit(limit),
    db.select({ n: count() }).from(webhookInbox).where(badInbox),
  ]);
  return { failedOperations: opCount?.n ?? 0, latestFailedOperations: ops, webhookErrors: inboxCount?.n ?? 0, latestWebhookErrors: inbox };
}
