import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import type { AuditChanges } from "@/db/schema";
import { checkStaff, type StaffIdentity, type StaffRole } from "@/lib/auth/guards";
import type { Actor } from "@/lib/subscriptions/activate";
import { setFlash } from "./flash";
import type { ActionResult } from "./result";

export interface AdminActionContext {
  staff: StaffIdentity;
  /** The staff member as services record them in audit events they write themselves. */
  actor: Actor;
  db: Db;
}

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string;
  changes?: AuditChanges;
  metadata?: Record<string, unknown>;
}

export type AdminActionOutcome<T> =
  /**
   * `redirectTo`: where to go once audited, e.g. away from a page whose subject was just deleted.
   * `flash`: show `message` on the page rather than in the form, because the form goes away on
   * success (always so with `redirectTo`).
   */
  | { ok: true; data?: T; message?: string; audit?: AuditInput | AuditInput[]; revalidate?: string[]; redirectTo?: string; flash?: boolean }
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
 * authorise → zod safeParse → handler (a lib service) → audit (actor = staff) → revalidate.
 */
export function adminAction<S extends z.ZodType, T = undefined>(
  minRole: StaffRole,
  schema: S,
  handler: (input: z.output<S>, ctx: AdminActionContext) => Promise<AdminActionOutcome<T>>,
  options: AdminActionOptions<z.output<S>> = {},
): AdminAction<T> {
  return async (_prev, raw) => {
    const access = await checkStaff(minRole);
    if (access.kind === "signed-out") return { ok: false, error: "Your session has ended. Sign in again." };
    if (access.kind === "denied") {
      console.warn("admin action refused", { userId: access.user.id, email: access.user.email, role: access.role, need: minRole });
      return { ok: false, error: `You need the ${minRole} role to do this${access.role ? ` (you are ${access.role})` : ""}.` };
    }

    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };

    const { staff } = access;
    const db = await getDb();
    const ctx: AdminActionContext = { staff, db, actor: { type: "staff", id: staff.userId, email: staff.email } };
    let outcome: AdminActionOutcome<T>;
    try {
      outcome = await handler(parsed.data, ctx);
    } catch (err) {
      unstable_rethrow(err); // redirect() and notFound() travel as errors
      const reference = crypto.randomUUID();
      console.error("admin action failed", { reference, staff: staff.email, err });
      return { ok: false, error: `Something went wrong (reference ${reference}). Nothing was changed unless the page says so.` };
    }
    if (!outcome.ok) return outcome;

    const audits = outcome.audit === undefined ? [] : Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
    for (const a of audits) {
      await insertAuditEvent(db, { actorType: "staff", actorId: staff.userId, actorEmail: staff.email, ...a });
    }
    const fixed = typeof options.revalidate === "function" ? options.revalidate(parsed.data) : (options.revalidate ?? []);
    for (const path of new Set([...fixed, ...(outcome.revalidate ?? [])])) revalidatePath(path);
    if (outcome.message && (outcome.flash || outcome.redirectTo)) await setFlash(outcome.message);
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, data: outcome.data, message: outcome.message };
  };
}

/** Repeated keys become arrays; files are not accepted by admin forms. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue; // React's own bookkeeping fields
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** First message per field, keyed by its dotted path, for inline field messages. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}
