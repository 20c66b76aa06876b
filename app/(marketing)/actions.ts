"use server";

import { signOut } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/safe-redirect";

/**
 * "Use another account" on the buyer pages: ends the portal session and returns to the same page,
 * whose sign-in button then asks Microsoft to let the buyer pick an account. Anyone may call it;
 * it only ever signs out the caller's own session and redirects within the portal.
 */
export async function switchAccountAction(form: FormData): Promise<void> {
  await signOut({ redirectTo: safeRedirectPath(form.get("redirectTo"), "/account") });
}
