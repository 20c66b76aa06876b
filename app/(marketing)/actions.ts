"use server";

import { signOut } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/safe-redirect";

/**
 * "Use another account" on the buyer pages: ends the portal session and returns to the same page,
 * whose sign-in button then asks Microsoft to let the buyer pick an account. Anyone may call it;
 * it only ever signs out the caller's own session and redirects within the portal.
 */
export async function switchAccountAction(form: FormData): Promise<void> {
  // Anyone can call an action with arguments of their own making: anything but a form means no path.
  const redirectTo = form instanceof FormData ? form.get("redirectTo") : null;
  await signOut({ redirectTo: safeRedirectPath(redirectTo, "/account") });
}
