import "server-only";
import { annotateRequest, log } from "@/lib/log";
import { createHash } from "node:crypto";
import type { Db } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getOffer, getPlan, getPlanPrice, listOnboardingFields } from "@/db/queries/catalogue";
import { loadPlansFor } from "@/lib/catalogue/plan-prices";
import { getPurchaseToken, rememberPurchaseToken } from "@/db/queries/purchase-tokens";
import { lockSubscription } from "@/db/queries/operations";
import { upsertSubscription } from "@/db/queries/subscriptions";
import type { BillingTerm, Offer, OnboardingField, Plan, Subscription } from "@/db/schema";
import type { LimitDecision } from "@/lib/rate-limit/limiter";
import { isMarketplaceApiError, type MarketplaceClient, type MarketplaceSubscription } from "@/lib/marketplace";
import { diffSubscription } from "./apply-subscription-values";
import { fieldsForPlan } from "./onboarding";
import { subscriptionValues } from "./from-marketplace";

export interface PurchaseView {
  subscription: Subscription;
  offer: Offer;
  plan: Plan | null;
  /** The plan's prices in the buyer's market and currency. */
  billingTerms: BillingTerm[];
  fields: OnboardingField[];
}

export type LandingOutcome =
  | { kind: "missing-token" }
  /** Malformed, expired or forged: Microsoft answers 400; unknown: 404. */
  | { kind: "invalid-token" }
  | { kind: "unavailable"; requestId?: string }
  /** Too many unknown tokens from this address (lib/rate-limit): nothing was sent to Microsoft. */
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | ({ kind: "purchase" } & PurchaseView);

export interface LandingDeps {
  db: Db;
  client: MarketplaceClient;
  /** Asked before each call to Microsoft's resolve API (never for a remembered token). */
  limitResolve?: () => Promise<LimitDecision>;
}

// Real tokens are a few hundred characters; anything far larger is not worth sending to Microsoft.
const MAX_TOKEN_LENGTH = 8192;
/** Microsoft documents purchase tokens as valid for 24 hours. */
const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Identifies a purchase from its landing-page token. The first visit resolves it with Microsoft
 * and remembers the subscription ID; later visits within the token's lifetime read the
 * subscription directly, so the portal never depends on resolving the same token twice.
 */
export async function openPurchase({ db, client, limitResolve }: LandingDeps, token: string | undefined): Promise<LandingOutcome> {
  if (!token) return { kind: "missing-token" };
  // Purchase tokens are printable ASCII (base64); anything else cannot even travel in a header.
  if (token.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) return { kind: "invalid-token" };
  const tokenHash = hashToken(token);
  try {
    const known = await getPurchaseToken(db, tokenHash);
    let subscription: MarketplaceSubscription;
    if (known && Date.now() - known.firstResolvedAt.getTime() < TOKEN_LIFETIME_MS) {
      subscription = await client.getSubscription(known.subscriptionId);
    } else {
      const decision = limitResolve ? await limitResolve() : ({ allowed: true } as const);
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      const resolved = await client.resolve(token);
      subscription = resolved.subscription ?? (await client.getSubscription(resolved.subscriptionId));
      await rememberPurchaseToken(db, tokenHash, resolved.subscriptionId);
    }
    return { kind: "purchase", ...(await recordPurchase({ db, client }, subscription)) };
  } catch (err) {
    if (isMarketplaceApiError(err) && (err.status === 400 || err.status === 404)) return { kind: "invalid-token" };
    if (isMarketplaceApiError(err)) {
      log.error({ marketplaceError: err.toJSON() }, "landing: marketplace call failed");
      return { kind: "unavailable", requestId: err.requestId };
    }
    throw err;
  }
}

/** Stores Microsoft's view of the subscription and makes sure its offer and plan are known. */
async function recordPurchase({ db, client }: LandingDeps, s: MarketplaceSubscription): Promise<PurchaseView> {
  annotateRequest({ subscriptionId: s.id }); // on the landing request's log line
  const subscription = await storePurchase(db, s);
  let plan = await getPlan(db, s.offerId, s.planId);
  let market = subscription.market;
  let price = market ? await getPlanPrice(db, s.offerId, s.planId, market) : undefined;
  if (!plan || !price) {
    // First sight of this plan or of its prices in the buyer's market: learn its name, prices and
    // seat limits from Microsoft, so the page can show the total without anyone refreshing plans.
    ({ market } = await loadPlansFor(db, client, {
      subscriptionId: s.id,
      offerId: s.offerId,
      planId: s.planId,
      publisherId: s.publisherId ?? null,
      offerName: titleFromId(s.offerId),
    }));
    plan = await getPlan(db, s.offerId, s.planId);
    price = market ? await getPlanPrice(db, s.offerId, s.planId, market) : undefined;
  }
  const [offer, fields] = await Promise.all([getOffer(db, s.offerId), listOnboardingFields(db, s.offerId)]);
  return {
    subscription,
    offer: offer ?? {
      id: s.offerId,
      publisherId: null,
      displayName: titleFromId(s.offerId),
      description: null,
      handoffUrl: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    plan: plan ?? null,
    // The prices in the buyer's market replace the plan's last-seen ones.
    billingTerms: price?.billingTerms ?? plan?.billingTerms ?? [],
    fields: fieldsForPlan(fields, s.planId),
  };
}

/**
 * Writes Microsoft's view of the subscription with its audit event in one transaction: a new row is
 * the purchase (`subscription.purchased`); a later visit that finds Microsoft's subscription changed
 * writes it as `subscription.converged`, like every other path that takes Microsoft's state.
 */
async function storePurchase(db: Db, s: MarketplaceSubscription): Promise<Subscription> {
  return db.transaction(async (tx) => {
    const before = await lockSubscription(tx, s.id);
    const after = await upsertSubscription(tx, subscriptionValues(s));
    const changes = diffSubscription(before, after);
    if (before && Object.keys(changes).length === 0) return after;
    await insertAuditEvent(tx, {
      actorType: "marketplace",
      action: before ? "subscription.converged" : "subscription.purchased",
      targetType: "subscription",
      targetId: after.id,
      changes,
      metadata: { source: "landing", offerId: after.offerId },
    });
    return after;
  });
}

/** "contoso-analytics" → "Contoso Analytics", until staff name the offer. */
export function titleFromId(id: string): string {
  return id
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}
