import { getTranslations } from "next-intl/server";
import type { Subscription } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { switchAccountAction } from "../../actions";

/**
 * Shown to a signed-in user outside the purchaser's and beneficiary's organisation. Microsoft's
 * purchase link is a bearer link, so they may still confirm, but they must know whose it is, and
 * get the way to sign in with an account of that organisation right here.
 */
export async function OtherOrganisationNotice({
  subscription: s,
  user,
  returnTo,
}: {
  subscription: Subscription;
  user: PortalUser;
  returnTo: string;
}) {
  const t = await getTranslations("Landing.otherOrganisation");
  const tc = await getTranslations("Common");
  const beneficiary = s.beneficiaryEmail && s.beneficiaryEmail !== s.purchaserEmail ? s.beneficiaryEmail : null;
  return (
    <section role="note" aria-labelledby="other-org-title" className="mt-6 rounded-2xl bg-amber-50/60 p-5 ring-1 ring-amber-200 sm:p-6">
      <h2 id="other-org-title" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm break-words text-slate-700">
        {t.rich("body", {
          purchaser: s.purchaserEmail ?? t("anotherOrganisation"),
          hasBeneficiary: beneficiary ? "yes" : "no",
          beneficiary: beneficiary ?? "",
          account: user.email ?? user.name ?? user.id,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <form action={switchAccountAction} className="mt-3 text-sm text-slate-700">
        <p>{t("next")}</p>
        <input type="hidden" name="redirectTo" value={returnTo} />
        <button
          type="submit"
          className="mt-2 rounded-md bg-white px-3 py-2 font-semibold text-brand-700 ring-1 ring-amber-300 hover:bg-amber-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          {tc("useAnotherAccount")}
        </button>
      </form>
    </section>
  );
}
