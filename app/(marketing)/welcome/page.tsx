import type { Metadata } from "next";
import { currentUser } from "@/lib/auth";
import { verifyHandoffToken, type HandoffClaims } from "@/lib/subscriptions/handoff";
import { SignedInAs } from "../_components/signed-in-as";

export const metadata: Metadata = { title: "Welcome" };

/**
 * The default hand-off target while an offer has no product URL of its own: it verifies the
 * hand-off token exactly as the SaaS product would (see README) and shows what it carries.
 */
export default async function WelcomePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  let claims: HandoffClaims | null = null;
  if (token) claims = await verifyHandoffToken(token).catch(() => null);
  const user = await currentUser();
  const signedIn = user && (
    <SignedInAs user={user} returnTo={token ? `/welcome?token=${encodeURIComponent(token)}` : "/welcome"} className="mb-4" />
  );
  if (!claims) {
    return (
      <main className="mx-auto max-w-xl flex-1 px-6 py-16">
        {signedIn}
        <h1 className="text-2xl font-semibold text-red-900">This sign-in link is not valid</h1>
        <p className="mt-2 text-slate-600">Hand-off links expire after five minutes. Go back to the portal and open the product again.</p>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-xl flex-1 px-6 py-16">
      {signedIn}
      <h1 className="text-3xl font-bold text-slate-900">Welcome{claims.user.name ? `, ${claims.user.name}` : ""}</h1>
      <p className="mt-2 text-slate-600">Your workspace is ready. The portal vouched for you with a signed hand-off token:</p>
      <dl className="mt-6 grid grid-cols-2 gap-3 rounded-xl bg-white p-5 text-sm ring-1 ring-slate-200">
        <dt className="text-slate-500">Subscription</dt>
        <dd className="font-mono text-xs">{claims.subscriptionId}</dd>
        <dt className="text-slate-500">Offer</dt>
        <dd>{claims.offerId}</dd>
        <dt className="text-slate-500">Plan</dt>
        <dd>{claims.planId}</dd>
        <dt className="text-slate-500">Seats</dt>
        <dd>{claims.quantity ?? "—"}</dd>
        <dt className="text-slate-500">User</dt>
        <dd>{claims.user.email ?? claims.user.id}</dd>
      </dl>
    </main>
  );
}
