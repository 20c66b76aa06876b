import type { FormValues } from "action-form/values";

/** What every server action returns; forms read it with `useActionForm` (packages/action-form). */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  /** `values`: what the person sent, for a form to show again when the page is rendered anew (no JavaScript). */
  | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: FormValues };

/** The state a form starts with, before its first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;
