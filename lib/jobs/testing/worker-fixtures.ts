import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { upsertSubscription, updateSubscription } from "@/db/queries/subscriptions";
import { auditEvents, marketplaceOperations, webhookInbox, type Subscription } from "@/db/schema";
import { subscriptionSchema } from "@/lib/marketplace";
import { subscriptionValues } from "@/lib/subscriptions/from-marketplace";
import type { ProvisioningState } from "@/lib/subscriptions/lifecycle";
import { ingestNotification } from "@/lib/webhook/ingest";
import { parseNotification } from "@/lib/webhook/payload";
import { processDueInboxItems, type ProcessOptions } from "../webhook-worker";
import type { FakeMarketplace } from "./fake-marketplace";

export const quiet = { warn: () => {}, error: () => {} };

/** Stores a webhook body exactly as the route would. */
export async function deliver(db: Db, payload: Record<string, unknown>) {
  const parsed = parseNotification(payload);
  if (!parsed.ok) throw new Error(parsed.reason);
  return ingestNotification(db, parsed.notification);
}

export function work(db: Db, fake: FakeMarketplace, opts: ProcessOptions = {}) {
  return processDueInboxItems(db, fake, { log: quiet, random: () => 0.5, ...opts });
}

/** Mirrors a fake subscription into the portal's table, as the landing page would have. */
export async function seedLocal(
  db: Db,
  fake: FakeMarketplace,
  id: string,
  provisioningState: ProvisioningState = "active",
): Promise<Subscription> {
  const wire = fake.subscriptions.get(id);
  if (!wire) throw new Error(`fake has no subscription ${id}`);
  const remote = subscriptionSchema.parse(wire);
  await upsertSubscription(db, subscriptionValues(remote));
  const row = await updateSubscription(db, id, { provisioningState });
  if (!row) throw new Error("seed failed");
  return row;
}

export async function local(db: Db, id: string) {
  return db.query.subscriptions.findFirst({ where: (t, { eq: is }) => is(t.id, id) });
}

export async function inboxRow(db: Db, operationId: string) {
  return db.query.webhookInbox.findFirst({ where: (t, { eq: is }) => is(t.operationId, operationId) });
}

export async function operationRow(db: Db, id: string) {
  return db.query.marketplaceOperations.findFirst({ where: (t, { eq: is }) => is(t.id, id) });
}

/** Effects counted per subscription: audit actions in order, applied operations, inbox rows. */
export async function effects(db: Db, subscriptionId: string) {
  const audits = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, subscriptionId))
    .orderBy(auditEvents.id);
  const [applied] = await db
    .select({ n: count() })
    .from(marketplaceOperations)
    .where(and(eq(marketplaceOperations.subscriptionId, subscriptionId), isNotNull(marketplaceOperations.appliedAt)));
  const [inbox] = await db.select({ n: count() }).from(webhookInbox).where(eq(webhookInbox.subscriptionId, subscriptionId));
  return { audits: audits.map((a) => a.action), applied: applied?.n ?? 0, inbox: inbox?.n ?? 0 };
}

export const later = (ms: number) => () => new Date(Date.now() + ms);
