import { getTranslations } from "next-intl/server";
import type { PortalUser } from "@/lib/auth";
import { switchAccountAction } from "../actions";

/** "Signed in as … · Use another account", on every buyer page that knows who is signed in. */
export async function SignedInAs({ user, returnTo, className = "" }: { user: PortalUser; returnTo: string; className?: string }) {
  const t = await getTranslations("Common");
  return (
    <form action={switchAccountAction} className={`text-sm break-words text-slate-500 ${className}`}>
      {t.rich("signedInAs", {
        account: user.email ?? user.name ?? user.id,
        b: (chunks) => <span className="font-medium text-slate-700">{chunks}</span>,
      })}
      <span aria-hidden="true"> · </span>
      <input type="hidden" name="redirectTo" value={returnTo} />
      <button type="submit" className="font-medium text-brand-700 hover:underline">
        {t("useAnotherAccount")}
      </button>
    </form>
  );
}
