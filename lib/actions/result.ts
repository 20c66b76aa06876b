/** What every server action returns; forms read it with `useActionState`. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  /** `values`: what the person typed, for a form to show again (the buyer's onboarding answers). */
  | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

/** The state a form starts with, before its first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;
