import "server-only";
import type { DbOrTx } from "@/db/client";
import { getChangeDecisionContext, getOperationById, type ChangeDecisionContext } from "@/db/queries/operations";
import type { BillingTerm } from "@/db/schema";
import type { WebhookNotification } from "./payload";

// A 4xx within 10 s rejects a customer's change and silence accepts it (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-webhook),
// so deciding takes two primary-key lookups at most.
export type ChangeDecision =
  { accept: true; reason: string } | { accept: false; reason: string; policy: ChangeDecisionContext["policy"] | null };

const DECIDED_ACTIONS = new Set(["ChangePlan", "ChangeQuantity"]);

// Only a change still InProgress is the publisher's to accept or reject. One Microsoft reports as Succeeded
// (a redelivery after the window closed) has happened: it is stored and applied, never refused again.
const OPEN = new Set(["inprogress", "notstarted"]);

export function needsDecision(n: WebhookNotification): boolean {
  const open = n.status === null || OPEN.has(n.status.toLowerCase());
  return DECIDED_ACTIONS.has(n.action) && n.source?.toLowerCase() !== "partner" && open;
}

export function lowestPrice(terms: BillingTerm[]): number | null {
  const prices = terms.map((t) => t.price).filter((p): p is number => typeof p === "number" && Number.isFinite(p));
  return prices.length ? Math.min(...prices) : null;
}

function outside(quantity: number, range: { minQuantity: number | null; maxQuantity: number | null }): boolean {
  return (range.minQuantity !== null && quantity < range.minQuantity) || (range.maxQuantity !== null && quantity > range.maxQuantity);
}

export function evaluateChange(
  ctx: ChangeDecisionContext | undefined,
  request: Pick<WebhookNotification, "action" | "planId" | "quantity">,
): ChangeDecision {
  // A change can overtake its Subscribe, and Microsoft never retries a 4xx: refusing it would lose it. Kept and
  // accepted; the worker reads Microsoft's subscription (GET) and applies that once the operation has completed.
  if (!ctx) return { accept: true, reason: "subscription not yet known to the portal: applied from Microsoft's state" };
  const sub = ctx.subscription;
  const isPlan = request.action === "ChangePlan";
  // Microsoft sends a change back to the current value when it reverts one; accepting it changes nothing.
  if (isPlan && request.planId === sub.planId) return { accept: true, reason: "plan unchanged (revert)" };
  if (!isPlan && request.quantity !== null && request.quantity === sub.quantity)
    return { accept: true, reason: "quantity unchanged (revert)" };
  if (sub.provisioningState !== "active") {
    return { accept: false, reason: `provisioning is not finished (${sub.provisioningState})`, policy: ctx.policy };
  }
  if (ctx.policy === "reject_downgrades" && isPlan && ctx.current && ctx.requested) {
    const from = lowestPrice(ctx.current.billingTerms);
    const to = lowestPrice(ctx.requested.billingTerms);
    if (from !== null && to !== null && to < from) {
      return { accept: false, reason: `downgrade from ${sub.planId} (${from}) to ${request.planId} (${to})`, policy: ctx.policy };
    }
  }
  if (ctx.policy === "reject_outside_quantity_range") {
    if (!isPlan && request.quantity !== null && ctx.current && outside(request.quantity, ctx.current)) {
      return { accept: false, reason: `quantity ${request.quantity} is outside ${describeRange(ctx.current)}`, policy: ctx.policy };
    }
    if (isPlan && sub.quantity !== null && ctx.requested && outside(sub.quantity, ctx.requested)) {
      return {
        accept: false,
        reason: `quantity ${sub.quantity} is outside ${request.planId}'s ${describeRange(ctx.requested)}`,
        policy: ctx.policy,
      };
    }
  }
  return { accept: true, reason: `accepted under ${ctx.policy}` };
}

function describeRange(r: { minQuantity: number | null; maxQuantity: number | null }): string {
  return `[${r.minQuantity ?? "-"}, ${r.maxQuantity ?? "-"}]`;
}

export async function decideChange(db: DbOrTx, n: WebhookNotification): Promise<ChangeDecision> {
  // An operation this portal started itself (PATCH from the admin pages) is never refused.
  const own = await getOperationById(db, n.operationId);
  if (own?.source === "Partner") return { accept: true, reason: "started by the portal" };
  const ctx = await getChangeDecisionContext(db, n.subscriptionId, n.action === "ChangePlan" ? n.planId : null);
  return evaluateChange(ctx, n);
}
