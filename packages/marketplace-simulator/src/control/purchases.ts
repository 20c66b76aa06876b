import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { simulatorOptions } from "../options";
import { SIMULATOR_PUBLISHER_ID } from "../constants";
import { getPlan, isPlanPurchasable } from "../catalogue";
import { getRuntimeConfig } from "../config";
import { createOperation } from "../operations";
import { simOffers, simSubscriptions, type SimSubscription } from "../schema";
import { findSeedPerson, findSeedTenant } from "../seed-data";
import { createPurchaseToken } from "../store";
import { termFrom } from "../terms";
import type { AadIdentifier, TermUnit } from "../types";
import { buildWebhookPayload, notifyOperation } from "../webhooks";
import { controlError, fieldErrorsOf } from "./errors";

const buyer = z.strictObject({
  email: z.email(),
  tenantId: z.uuid(),
  objectId: z.uuid().optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
});

export const purchaseSchema = z.strictObject({
  offerId: z.string().min(1),
  planId: z.string().min(1),
  quantity: z.int().min(1).optional(),
  termUnit: z.enum(["P1M", "P1Y", "P2Y", "P3Y", "P4Y", "P5Y"]).optional(),
  purchaser: buyer,
  beneficiary: buyer.optional(),
  /** Newer offers activate at purchase: Subscribed at once, announced by a Subscribe webhook. */
  autoActivate: z.boolean().default(false),
  /** A CSP purchase: the customer may only read it (allowedCustomerOperations ["Read"]). */
  csp: z.boolean().default(false),
  name: z.string().trim().min(1).max(100).optional(),
  isTest: z.boolean().default(false),
});
export type PurchaseInput = z.input<typeof purchaseSchema>;

export interface PurchaseResult {
  subscriptionId: string;
  token: string;
  landingUrl: string;
  status: SimSubscription["status"];
  webhookStatus: number | null;
}

/** A stable GUID for a person typed in by hand, so the same e-mail buys as the same user. */
function derivedGuid(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function identity(input: z.output<typeof buyer>): AadIdentifier {
  const email = input.email.toLowerCase();
  const tenantId = input.tenantId.toLowerCase();
  const seed = findSeedPerson(email);
  const objectId = input.objectId?.toLowerCase() ?? (seed?.tenantId === tenantId ? seed.objectId : derivedGuid("user", tenantId, email));
  const puid = createHash("sha256").update(objectId).digest("hex").slice(0, 16).toUpperCase();
  return { emailId: email, objectId, tenantId, puid };
}

export function landingUrlFor(token: string): string {
  return `${simulatorOptions().portalOrigin}/landing?token=${encodeURIComponent(token)}`;
}

/** Like Microsoft, nothing tells the publisher of a purchase until the landing page, unless it auto-activates. */
export async function purchase(db: Db, raw: unknown, now: Date): Promise<PurchaseResult> {
  const parsed = purchaseSchema.safeParse(raw);
  if (!parsed.success) throw controlError(400, "The purchase is invalid.", fieldErrorsOf(parsed.error.issues));
  const input = parsed.data;
  const purchaser = identity(input.purchaser);
  const beneficiary = input.beneficiary ? identity(input.beneficiary) : purchaser;

  const [offer] = await db.select().from(simOffers).where(eq(simOffers.id, input.offerId));
  if (!offer) throw controlError(400, `Offer ${input.offerId} does not exist.`, { offerId: ["Unknown offer."] });
  const plan = await getPlan(db, offer.id, input.planId);
  if (!plan || !isPlanPurchasable(plan, beneficiary.tenantId)) {
    throw controlError(400, `Plan ${input.planId} is not available to this buyer.`, {
      planId: ["Not available to the beneficiary's tenant."],
    });
  }
  let quantity: number | null = null;
  if (plan.isPricePerSeat) {
    quantity = input.quantity ?? plan.minQuantity ?? 1;
    const outOfRange =
      (plan.minQuantity !== null && quantity < plan.minQuantity) || (plan.maxQuantity !== null && quantity > plan.maxQuantity);
    if (outOfRange)
      throw controlError(400, `Choose between ${plan.minQuantity ?? 1} and ${plan.maxQuantity ?? "any number of"} seats.`, {
        quantity: ["Out of the plan's range."],
      });
  } else if (input.quantity !== undefined) {
    throw controlError(400, `Plan ${plan.planId} is a flat-rate plan; it has no quantity.`, {
      quantity: ["Flat-rate plans have no seats."],
    });
  }
  const units = plan.recurrentBillingTerms.map((t) => t.termUnit);
  const termUnit: TermUnit | undefined = input.termUnit ?? units[0];
  if (!termUnit || !units.includes(termUnit))
    throw controlError(400, `Plan ${plan.planId} is not sold for ${input.termUnit}.`, { termUnit: [`Choose one of ${units.join(", ")}.`] });

  const tenant = findSeedTenant(beneficiary.tenantId);
  const config = await getRuntimeConfig(db);
  const result = await db.transaction(async (tx) => {
    const term = input.autoActivate ? termFrom(now, termUnit) : null;
    const [sub] = await tx
      .insert(simSubscriptions)
      .values({
        id: randomUUID(),
        publisherId: SIMULATOR_PUBLISHER_ID,
        offerId: offer.id,
        name:
          input.name ??
          `${offer.displayName} for ${tenant?.displayName ?? input.purchaser.displayName ?? beneficiary.emailId.split("@")[1]}`,
        status: input.autoActivate ? "Subscribed" : "PendingFulfillmentStart",
        beneficiary,
        purchaser,
        planId: plan.planId,
        quantity,
        termUnit,
        termStartDate: term?.startDate ?? null,
        termEndDate: term?.endDate ?? null,
        isTest: input.isTest,
        isFreeTrial: input.autoActivate && plan.hasFreeTrials,
        allowedCustomerOperations: input.csp ? ["Read"] : ["Read", "Update", "Delete"],
        market: tenant?.market ?? "US",
        azureSubscriptionId: randomUUID(),
        created: now,
        lastModified: now,
      })
      .returning();
    const token = await createPurchaseToken(tx, sub!.id, now, config.purchaseTokenLifetimeSeconds);
    const op = input.autoActivate
      ? await createOperation(tx, { sub: sub!, action: "Subscribe", source: "Azure", status: "Succeeded", now })
      : null;
    return { sub: sub!, token, op };
  });
  const webhookStatus = result.op ? await notifyOperation(db, buildWebhookPayload(result.op, result.sub, "Succeeded")) : null;
  return {
    subscriptionId: result.sub.id,
    token: result.token,
    landingUrl: landingUrlFor(result.token),
    status: result.sub.status,
    webhookStatus,
  };
}
