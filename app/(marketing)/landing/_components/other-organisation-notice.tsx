import type { Subscription } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";

/**
 * Shown to a signed-in user outside the purchaser's and beneficiary's organisation. Microsoft's
 * purchase link is a bearer link, so they may still confirm, but they must know whose it is.
 */
export function OtherOrganisationNotice({ subscription: s, user }: { subscription: Subscription; user: PortalUser }) {
  const beneficiary = s.beneficiaryEmail && s.beneficiaryEmail !== s.purchaserEmail ? ` for ${s.beneficiaryEmail}` : "";
  return (
    <section role="note" aria-labelledby="other-org-title" className="mt-6 rounded-2xl bg-amber-50/60 p-6 ring-1 ring-amber-200">
      <h2 id="other-org-title" className="text-lg font-semibold text-slate-900">
        This subscription belongs to the purchaser&apos;s organisation
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        It was bought by <strong>{s.purchaserEmail ?? "another organisation"}</strong>
        {beneficiary}. Your account, {user.email ?? user.name ?? user.id}, is not part of that organisation. You may still confirm the
        purchase, but the subscription will belong to the purchaser&apos;s organisation, not yours, and only its people can open it. To use
        it yourself, choose <strong>Use another account</strong> and sign in with an account of that organisation.
      </p>
    </section>
  );
}
