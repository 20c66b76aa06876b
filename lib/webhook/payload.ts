import "server-only";
import { z } from "zod";
import { lenientNumber, optionalString } from "@/lib/marketplace/schema-primitives";
import { unstorableJson } from "@/lib/storable-json";

// Only id, subscriptionId and action are required: older samples were sparse and Microsoft adds fields (§5).
export interface WebhookNotification {
  operationId: string;
  subscriptionId: string;
  action: string;
  source: string | null;
  /** The requested plan for ChangePlan; `currentPlanId` is the plan before the change. */
  planId: string | null;
  quantity: number | null;
  currentPlanId: string | null;
  currentQuantity: number | null;
  timeStamp: Date | null;
  status: string | null;
  raw: Record<string, unknown>;
}

const tolerantNumber = lenientNumber.catch(undefined);
const tolerantDate = z
  .string()
  .nullish()
  .transform((v) => {
    if (!v) return null;
    // Microsoft's timestamps are UTC; some samples omit the trailing Z.
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
    return Number.isNaN(d.getTime()) ? null : d;
  })
  .catch(null);

const embeddedSubscription = z.looseObject({ planId: optionalString, quantity: tolerantNumber }).nullish().catch(undefined);

export const webhookPayloadSchema = z
  .looseObject({
    id: z.guid(),
    subscriptionId: z.guid(),
    action: z.string().trim().min(1).max(64),
    operationRequestSource: optionalString.catch(undefined),
    // Microsoft's emulator spells it this way.
    operationRequestedSource: optionalString.catch(undefined),
    planId: optionalString.catch(undefined),
    quantity: tolerantNumber,
    timeStamp: tolerantDate,
    status: optionalString.catch(undefined),
    subscription: embeddedSubscription,
  })
  .transform((w): Omit<WebhookNotification, "raw"> => ({
    operationId: w.id.toLowerCase(),
    subscriptionId: w.subscriptionId.toLowerCase(),
    action: w.action,
    source: w.operationRequestSource ?? w.operationRequestedSource ?? null,
    planId: w.planId ?? null,
    quantity: w.quantity ?? null,
    currentPlanId: w.subscription?.planId ?? null,
    currentQuantity: w.subscription?.quantity ?? null,
    timeStamp: w.timeStamp,
    status: w.status ?? null,
  }));

export type ParseResult = { ok: true; notification: WebhookNotification } | { ok: false; reason: string };

export function parseNotification(value: unknown): ParseResult {
  const parsed = webhookPayloadSchema.safeParse(value);
  if (parsed.success) return { ok: true, notification: { ...parsed.data, raw: value as Record<string, unknown> } };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.path.join(".") || "(body)"}: ${issue?.message ?? "invalid"}` };
}

export function parseWebhookBody(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "malformed JSON" };
  }
  // The whole body is stored (the inbox's payload column): what PostgreSQL would refuse is refused here, with a 400.
  const unstorable = unstorableJson(json);
  if (unstorable) return { ok: false, reason: `not storable as PostgreSQL JSON: ${unstorable}` };
  return parseNotification(json);
}
