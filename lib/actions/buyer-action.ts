import "server-only";
import { log } from "@/lib/log";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { submittedValues, type FormValues } from "action-form/values";
import type { z } from "zod";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { currentUser, type PortalUser } from "@/lib/auth";
import type { ServiceFailure } from "@/lib/errors";
import type { Actor } from "@/lib/subscriptions/activate";
import { buyerMessage, type BuyerMessageCode } from "./buyer-messages";
import { fieldErrorsOf, formDataToObject } from "./form-data";
import type { ActionResult } from "./result";

export interface BuyerActionContext {
  user: PortalUser;
  /** The buyer as services record them in the audit events they write. */
  actor: Actor;
  db: Db;
}

export type BuyerActionOutcome<T> =
  /** `redirectTo`: where the page goes next, e.g. back to the landing page to show the new state. */
  | { ok: true; data?: T; message?: string; revalidate?: string[]; redirectTo?: string }
  /** `values` echoes the buyer's answers, so a correction never loses what they typed. */
  | (ServiceFailure<BuyerMessageCode> & { values?: FormValues });

export interface BuyerActionOptions<I> {
  /** The code to answer with when the input does not parse (default `invalid-input`). */
  invalidInput?: BuyerMessageCode;
  revalidate?: string[] | ((input: I) => string[]);
}

export type BuyerAction<T> = (prev: unknown, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/**
 * The buyer pages' flavour of `adminAction` (./admin-action.ts), with the same steps: any
 * signed-in person may call it (the purchase token, checked by the service, says which purchase)
 * → zod safeParse → handler (a lib service) → revalidate → result, or redirect. Codes become
 * words in ./buyer-messages.ts only.
 */
export function buyerAction<S extends z.ZodType, T = undefined>(
  schema: S,
  handler: (input: z.output<S>, ctx: BuyerActionContext) => Promise<BuyerActionOutcome<T>>,
  options: BuyerActionOptions<z.output<S>> = {},
): BuyerAction<T> {
  return async (_prev, raw) => {
    const result = await run(raw);
    // A refused form submit echoes what was sent unless the service chose what to echo (packages/action-form).
    return result.ok || result.values || !(raw instanceof FormData) ? result : { ...result, values: submittedValues(raw) };
  };

  async function run(raw: FormData | Record<string, unknown>): Promise<ActionResult<T>> {
    const user = await currentUser();
    if (!user) return { ok: false, error: await buyerMessage("unauthenticated") };

    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success)
      return { ok: false, error: await buyerMessage(options.invalidInput ?? "invalid-input"), fieldErrors: fieldErrorsOf(parsed.error) };

    const ctx: BuyerActionContext = { user, db: await getDb(), actor: { type: "user", id: user.id, email: user.email } };
    let outcome: BuyerActionOutcome<T>;
    try {
      outcome = await handler(parsed.data, ctx);
    } catch (err) {
      unstable_rethrow(err); // redirect() and notFound() travel as errors
      const reference = crypto.randomUUID();
      log.error({ reference, userId: user.id, err }, "buyer action failed");
      return { ok: false, error: await buyerMessage("unexpected", { reference }) };
    }
    if (!outcome.ok) {
      const { code, fieldErrors, values } = outcome;
      return { ok: false, error: await buyerMessage(code), ...(fieldErrors && { fieldErrors }), ...(values && { values }) };
    }

    const fixed = typeof options.revalidate === "function" ? options.revalidate(parsed.data) : (options.revalidate ?? []);
    for (const path of new Set([...fixed, ...(outcome.revalidate ?? [])])) revalidatePath(path);
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, data: outcome.data, message: outcome.message };
  }
}
