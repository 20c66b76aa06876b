import "server-only";
import { log } from "@/lib/log";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { submittedValues } from "action-form/values";
import type { z } from "zod";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { checkStaff, type StaffIdentity, type StaffRole } from "@/lib/auth/guards";
import type { Actor } from "@/lib/subscriptions/activate";
import type { AdminErrorCode, ServiceFailure } from "@/lib/errors";
import { adminMessage } from "./admin-messages";
import { setFlash } from "./flash";
import { fieldErrorsOf, formDataToObject } from "./form-data";
import type { ActionResult } from "./result";

export interface AdminActionContext {
  staff: StaffIdentity;
  /**
   * The staff member as services record them in audit events. Services write each event in the
   * transaction that makes the change; the wrapper never writes one afterwards.
   */
  actor: Actor;
  db: Db;
}

export type AdminActionOutcome<T> =
  /**
   * `redirectTo`: where to go once done, e.g. away from a page whose subject was just deleted.
   * `flash`: show `message` on the page rather than in the form, because the form goes away on
   * success (always so with `redirectTo`).
   * `audit` is refused: the service writes the event inside the change's transaction.
   */
  | { ok: true; data?: T; message?: string; audit?: never; revalidate?: string[]; redirectTo?: string; flash?: boolean }
  /** A service's code, put into words by ./admin-messages.ts. */
  | ServiceFailure<AdminErrorCode | "invalid-input">
  /** Words written by a service whose callers still read them (staff, catalogue, outbound). */
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export interface AdminActionOptions<I> {
  /** Paths to revalidate after success, besides those the handler returns. */
  revalidate?: string[] | ((input: I) => string[]);
}

// The previous state is ignored (each submission stands alone), so any form state type may be passed.
export type AdminAction<T> = (prev: unknown, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/**
 * Wraps a server action. Every action is a public endpoint that can be called directly, whatever
 * the page shows, so the role is checked here on the server, before the input is even parsed:
 * authorise → zod safeParse → handler (a lib service, which audits its change) → revalidate.
 */
export function adminAction<S extends z.ZodType, T = undefined>(
  minRole: StaffRole,
  schema: S,
  handler: (input: z.output<S>, ctx: AdminActionContext) => Promise<AdminActionOutcome<T>>,
  options: AdminActionOptions<z.output<S>> = {},
): AdminAction<T> {
  return async (_prev, raw) => {
    const result = await run(raw);
    // A refused form submit echoes what was sent, so the form can show it again (packages/action-form).
    return result.ok || !(raw instanceof FormData) ? result : { ...result, values: submittedValues(raw) };
  };

  async function run(raw: FormData | Record<string, unknown>): Promise<ActionResult<T>> {
    const access = await checkStaff(minRole);
    if (access.kind === "signed-out") return { ok: false, error: adminMessage("unauthenticated") };
    if (access.kind === "denied") {
      log.warn({ userId: access.user.id, email: access.user.email, role: access.role, need: minRole }, "admin action refused");
      return { ok: false, error: adminMessage("forbidden", { need: minRole, role: access.role }) };
    }

    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) return { ok: false, error: adminMessage("invalid-input"), fieldErrors: fieldErrorsOf(parsed.error) };

    const { staff } = access;
    const db = await getDb();
    const ctx: AdminActionContext = { staff, db, actor: { type: "staff", id: staff.userId, email: staff.email } };
    let outcome: AdminActionOutcome<T>;
    try {
      outcome = await handler(parsed.data, ctx);
    } catch (err) {
      unstable_rethrow(err); // redirect() and notFound() travel as errors
      const reference = crypto.randomUUID();
      log.error({ reference, staff: staff.email, err }, "admin action failed");
      return { ok: false, error: adminMessage("unexpected", { reference }) };
    }
    if (!outcome.ok) {
      if ("error" in outcome) return outcome;
      const { code, fieldErrors } = outcome;
      return fieldErrors ? { ok: false, error: adminMessage(code), fieldErrors } : { ok: false, error: adminMessage(code) };
    }

    const fixed = typeof options.revalidate === "function" ? options.revalidate(parsed.data) : (options.revalidate ?? []);
    for (const path of new Set([...fixed, ...(outcome.revalidate ?? [])])) revalidatePath(path);
    if (outcome.message && (outcome.flash || outcome.redirectTo)) await setFlash(outcome.message);
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, data: outcome.data, message: outcome.message };
  }
}

export { fieldErrorsOf, formDataToObject } from "./form-data";
