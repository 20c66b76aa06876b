import "server-only";
import { log } from "@/lib/log";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { claimProvisioning } from "@/db/queries/activation";
import { getPlan, listOnboardingFields } from "@/db/queries/catalogue";
import { getSubscriptionById, updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import type { Subscription } from "@/db/schema";
import { isMarketplaceApiError, type MarketplaceClient, type MarketplaceSubscription } from "@/lib/marketplace";
import { diffSubscription } from "./apply-subscription-values";
import { subscriptionValues } from "./from-marketplace";
import { fieldsForPlan, validateOnboarding, type OnboardingWords } from "./onboarding";

export interface Actor {
  type: "user" | "staff" | "system";
  id: string | null;
  email: string | null;
}

export type ConfirmResult =
  | { ok: true; subscription: Subscription }
  | { ok: false; reason: "not-found" | "not-pending"; subscription?: Subscription }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string> };

interface Deps {
  db: Db;
  client: MarketplaceClient;
}

/**
 * The buyer confirms a pending purchase: record who confirmed and their onboarding answers, then
 * activate (instant plans) or wait for staff (staff-approved plans). A second confirmation, from
 * another click, tab or app instance, loses the claim and never calls activate.
 */
export async function confirmPurchase(
  { db, client }: Deps,
  input: { subscriptionId: string; actor: Actor; answers: Record<string, unknown>; words?: OnboardingWords },
): Promise<ConfirmResult> {
  const current = await getSubscriptionById(db, input.subscriptionId);
  if (!current) return { ok: false, reason: "not-found" };
  if (current.status !== "PendingFulfillmentStart") return { ok: false, reason: "not-pending", subscription: current };

  const fields = fieldsForPlan(await listOnboardingFields(db, current.offerId), current.planId);
  const answers = validateOnboarding(fields, input.answers, input.words);
  if (!answers.ok) return { ok: false, reason: "invalid", fieldErrors: answers.fieldErrors };

  const plan = await getPlan(db, current.offerId, current.planId);
  const needsApproval = plan?.activationMode === "staff_approved";
  const claimed = await db.transaction(async (tx) => {
    const row = await claimProvisioning(tx, current.id, ["new"], needsApproval ? "awaiting_approval" : "activating", {
      onboardingValues: answers.values,
      confirmedByEmail: input.actor.email,
      confirmedByObjectId: input.actor.id,
      confirmedAt: new Date(),
    });
    if (row) {
      await insertAuditEvent(tx, {
        ...auditActor(input.actor),
        action: "subscription.confirmed",
        targetType: "subscription",
        targetId: row.id,
        changes: { provisioningState: { from: current.provisioningState, to: row.provisioningState } },
        metadata: { onboardingValues: answers.values },
      });
    }
    return row;
  });
  if (!claimed) {
    return { ok: false, reason: "not-pending", subscription: (await getSubscriptionById(db, current.id)) ?? current };
  }
  if (needsApproval) return { ok: true, subscription: claimed };
  return { ok: true, subscription: await activateClaimed({ db, client }, claimed, input.actor) };
}

/**
 * Activates a subscription the buyer already confirmed: a staff approval, or a retry after a
 * transient failure. The same database claim guarantees one activate call at a time.
 */
export async function activateSubscription(
  { db, client }: Deps,
  input: { subscriptionId: string; actor: Actor },
): Promise<{ ok: true; subscription: Subscription } | { ok: false; reason: "not-found" | "not-pending"; subscription?: Subscription }> {
  const current = await getSubscriptionById(db, input.subscriptionId);
  if (!current) return { ok: false, reason: "not-found" };
  if (current.status !== "PendingFulfillmentStart") return { ok: false, reason: "not-pending", subscription: current };
  const claimed = await claimProvisioning(db, current.id, ["awaiting_approval", "activation_failed"], "activating");
  if (!claimed) return { ok: false, reason: "not-pending", subscription: current };
  return { ok: true, subscription: await activateClaimed({ db, client }, claimed, input.actor) };
}

async function activateClaimed({ db, client }: Deps, sub: Subscription, actor: Actor): Promise<Subscription> {
  const correlationId = randomUUID();
  // Microsoft needs the quantity only for per-seat plans.
  const request = {
    planId: sub.planId,
    ...(sub.quantity ? { quantity: sub.quantity } : {}),
    requestedAt: new Date().toISOString(),
    correlationId,
  };
  const tried = sub.activationRequest !== null;
  await updateSubscription(db, sub.id, { activationRequest: request, activationError: null });
  try {
    // A previous attempt may have reached Microsoft although its reply never came back.
    let fresh = tried ? await client.getSubscription(sub.id, { correlationId }) : null;
    if (fresh?.status !== "Subscribed") fresh = await activateOnce(client, sub.id, request, correlationId);
    return await db.transaction(async (tx) => {
      const active = fresh.status === "Subscribed";
      await upsertSubscription(tx, subscriptionValues(fresh));
      const row = await updateSubscription(tx, sub.id, active ? { provisioningState: "active", activatedAt: new Date() } : {});
      await insertAuditEvent(tx, {
        ...auditActor(actor),
        action: active ? "subscription.activated" : "subscription.activation_requested",
        targetType: "subscription",
        targetId: sub.id,
        // Everything the read-back changed goes with the activation (one event), not just the status.
        changes: active ? diffSubscription(sub, row!) : {},
        correlationId,
      });
      return row!;
    });
  } catch (err) {
    const message = isMarketplaceApiError(err)
      ? `${err.message} (HTTP ${err.status}${err.requestId ? `, request ${err.requestId}` : ""})`
      : err instanceof Error
        ? err.message
        : String(err);
    log.error({ subscriptionId: sub.id, correlationId, err }, "activation failed");
    return db.transaction(async (tx) => {
      const row = await updateSubscription(tx, sub.id, { provisioningState: "activation_failed", activationError: message });
      await insertAuditEvent(tx, {
        ...auditActor(actor),
        action: "subscription.activation_failed",
        targetType: "subscription",
        targetId: sub.id,
        changes: { provisioningState: { from: "activating", to: "activation_failed" } },
        metadata: { error: message },
        requestId: isMarketplaceApiError(err) ? err.requestId : undefined,
        correlationId,
      });
      return row!;
    });
  }
}

const ACTIVATE_ATTEMPTS = 3;

/** A reply lost or a 5xx: Microsoft may or may not have processed the request. */
const outcomeUnknown = (err: unknown) => isMarketplaceApiError(err) && (err.status === 0 || err.status === 408 || err.status >= 500);

/**
 * Activates at most once per look at the subscription: when the reply is lost, Microsoft's subscription is
 * read first and activate is sent again only if it is not Subscribed yet. 200 only means "received", so the
 * subscription is read back either way (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-subscription-api#activate-a-subscription).
 */
async function activateOnce(
  client: MarketplaceClient,
  id: string,
  request: { planId: string; quantity?: number },
  correlationId: string,
): Promise<MarketplaceSubscription> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.activate(id, { planId: request.planId, quantity: request.quantity }, { correlationId });
      return await client.getSubscription(id, { correlationId });
    } catch (err) {
      if (!outcomeUnknown(err)) throw err;
      const seen = await client.getSubscription(id, { correlationId }).catch(() => null);
      if (seen?.status === "Subscribed") return seen;
      if (attempt >= ACTIVATE_ATTEMPTS) throw err;
    }
  }
}

function auditActor(actor: Actor) {
  return { actorType: actor.type, actorId: actor.id, actorEmail: actor.email } as const;
}
