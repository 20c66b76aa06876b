import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { clientAddressOf, consumeAbuseLimit } from "@/lib/rate-limit";
import { tooManyAttemptsPath } from "@/lib/rate-limit/refuse";
import { safeRedirectPath } from "@/lib/safe-redirect";

/**
 * Starts Microsoft sign-in and comes back to `redirectTo` (a same-site path). Buyer pages pass
 * `chooseAccount` so Microsoft shows its account picker instead of silently reusing the last account
 * (prompt=select_account: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code).
 */
export function SignInButton({
  redirectTo,
  label = "Sign in with Microsoft",
  chooseAccount = false,
}: {
  redirectTo: string;
  label?: string;
  chooseAccount?: boolean;
}) {
  async function signInAction() {
    "use server";
    // Auth.js's signIn() starts sign-in without passing through /api/auth: counted here against the same limit.
    const requestHeaders = await headers();
    const decision = await consumeAbuseLimit(
      "signInStart",
      clientAddressOf((name) => requestHeaders.get(name)),
    );
    if (!decision.allowed) redirect(tooManyAttemptsPath(decision.retryAfterSeconds, safeRedirectPath(redirectTo)));
    await signIn(
      "microsoft-entra-id",
      { redirectTo: safeRedirectPath(redirectTo) },
      chooseAccount ? { prompt: "select_account" } : undefined,
    );
  }
  return (
    <form action={signInAction}>
      <button
        type="submit"
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-on-brand shadow-sm hover:bg-brand-hover focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
      >
        {label}
      </button>
    </form>
  );
}
