/** What every server action returns; forms read it with `useActionState`. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** The state a form starts with, before its first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;
