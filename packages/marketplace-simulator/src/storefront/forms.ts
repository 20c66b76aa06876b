import { submittedValues, type FormValues } from "action-form/values";
import { z } from "zod";
import type { Db } from "../db";
import { SimHttpError } from "../http";
import { CUSTOMER_ACTIONS, performCustomerAction } from "../control/customer-actions";
import { purchase } from "../control/purchases";

/** What the storefront's forms and server actions return: a message, or an error with field errors. */
export type StorefrontResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  /** `values`: what was sent, echoed so a refused form is shown again as it was (action-form). */
  | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: FormValues };

/** A server action a storefront form posts to (the host defines it: `"use server"` lives in the app). */
export type StorefrontAction = (prev: StorefrontResult<unknown> | null, form: FormData) => Promise<StorefrontResult<unknown>>;

const text = (max = 200) => z.string().trim().max(max);
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const optionalInt = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
  z
    .number({ message: "Enter a whole number of users, 1 or more." })
    .int("Enter a whole number of users, 1 or more.")
    .min(1, "Enter a whole number of users, 1 or more.")
    .max(1_000_000, "At most 1,000,000 users.")
    .optional(),
);

export const buyFormSchema = z
  .object({
    offerId: text().min(1, "Choose an offer."),
    planId: text(50).min(1, "Choose a plan."),
    termUnit: z.enum(["P1M", "P1Y", "P2Y", "P3Y", "P4Y", "P5Y"], { message: "Choose a billing term." }),
    quantity: optionalInt,
    purchaserName: text(100).optional(),
    purchaserEmail: z.email("Enter the buyer's e-mail address."),
    purchaserTenantId: z.uuid("Enter the buyer's tenant ID (a GUID)."),
    beneficiaryDiffers: checkbox,
    beneficiaryEmail: z.union([z.literal(""), z.email("Enter the user's e-mail address.")]).optional(),
    beneficiaryTenantId: z.union([z.literal(""), z.uuid("Enter the user's tenant ID (a GUID).")]).optional(),
    autoActivate: checkbox,
    name: text(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.beneficiaryDiffers) return;
    if (!v.beneficiaryEmail) ctx.addIssue({ code: "custom", path: ["beneficiaryEmail"], message: "Enter the user's e-mail address." });
    if (!v.beneficiaryTenantId)
      ctx.addIssue({ code: "custom", path: ["beneficiaryTenantId"], message: "Enter the user's tenant ID (a GUID)." });
  });

function firstErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.map(String).join(".") || "form"] ??= issue.message;
  return out;
}

/** The control API's `{error, fieldErrors}` body as a form result (purchaser.email → purchaserEmail). */
function fromControlError(err: unknown): StorefrontResult<never> {
  if (!(err instanceof SimHttpError)) throw err;
  const body = err.body as { error?: string; fieldErrors?: Record<string, string[]> };
  const fieldErrors: Record<string, string> = {};
  for (const [key, messages] of Object.entries(body.fieldErrors ?? {})) {
    const field = key.replace(/^(purchaser|beneficiary)\.(\w)/, (_m, who: string, c: string) => `${who}${c.toUpperCase()}`);
    if (messages[0]) fieldErrors[field] = messages[0];
  }
  return { ok: false, error: body.error ?? "The request was refused.", ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}) };
}

/** A refused form's result with what was sent, so the form can show it again. */
const echo = <T>(form: FormData, result: StorefrontResult<T>): StorefrontResult<T> =>
  result.ok ? result : { ...result, values: submittedValues(form) };

export async function buyFromForm(
  db: Db,
  form: FormData,
  now: Date,
): Promise<StorefrontResult<{ subscriptionId: string; landingUrl: string }>> {
  return echo(form, await buy(db, form, now));
}

async function buy(db: Db, form: FormData, now: Date): Promise<StorefrontResult<{ subscriptionId: string; landingUrl: string }>> {
  const parsed = buyFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: firstErrors(parsed.error.issues) };
  const v = parsed.data;
  try {
    const result = await purchase(
      db,
      {
        offerId: v.offerId,
        planId: v.planId,
        termUnit: v.termUnit,
        ...(v.quantity === undefined ? {} : { quantity: v.quantity }),
        purchaser: { email: v.purchaserEmail, tenantId: v.purchaserTenantId, ...(v.purchaserName ? { displayName: v.purchaserName } : {}) },
        ...(v.beneficiaryDiffers ? { beneficiary: { email: v.beneficiaryEmail!, tenantId: v.beneficiaryTenantId! } } : {}),
        autoActivate: v.autoActivate,
        ...(v.name ? { name: v.name } : {}),
      },
      now,
    );
    return { ok: true, data: { subscriptionId: result.subscriptionId, landingUrl: result.landingUrl } };
  } catch (err) {
    return fromControlError(err);
  }
}

const actionFormSchema = z.object({
  subscriptionId: z.uuid("Unknown subscription."),
  action: z.enum(CUSTOMER_ACTIONS, { message: "Unknown action." }),
  planId: text(50).optional(),
  quantity: optionalInt,
});

/** A customer's or Microsoft's action from the subscriptions page. */
export async function customerActionFromForm(db: Db, form: FormData, now: Date): Promise<StorefrontResult<{ landingUrl?: string }>> {
  return echo(form, await customerAction(db, form, now));
}

async function customerAction(db: Db, form: FormData, now: Date): Promise<StorefrontResult<{ landingUrl?: string }>> {
  const parsed = actionFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: "The action is invalid.", fieldErrors: firstErrors(parsed.error.issues) };
  const { subscriptionId, action, planId, quantity } = parsed.data;
  const body = action === "change-plan" ? { planId: planId ?? "" } : action === "change-quantity" ? { quantity: quantity ?? 0 } : undefined;
  try {
    const result = await performCustomerAction(db, subscriptionId, action, body, now);
    if ("landingUrl" in result) return { ok: true, data: { landingUrl: result.landingUrl } };
    const answer = result.webhookStatus === null ? "no answer from the webhook" : `webhook answered ${result.webhookStatus}`;
    return { ok: true, message: `${result.operation.action}: ${result.operation.status} (${answer}).` };
  } catch (err) {
    return fromControlError(err);
  }
}
