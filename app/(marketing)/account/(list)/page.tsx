import type { Metadata } from "next";
import { getDb } from "@/db";
import { listCatalogueNames } from "@/db/queries/catalogue";
import { requestBrands, type Brand } from "@/lib/brand/brand";
import { listSubscriptionsForBuyer } from "@/db/queries/subscriptions";
import { catalogueNames } from "@/lib/catalogue/names";
import { currentUser } from "@/lib/auth";
import { buyerScope } from "@/lib/subscriptions/access";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import { TableHead } from "@/components/ui/table";
import { SignInButton } from "@/components/sign-in-button";
import { OpenProductForm } from "@/components/open-product-form";
import { SignedInAs } from "../../_components/signed-in-as";
import { ManageLink } from "../_components/manage-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Account"))("title") };
}

export default async function AccountPage() {
  const [user, t, tc, tStatus, tTerm, format, ts] = await Promise.all([
    currentUser(),
    getTranslations("Account"),
    getTranslations("Common"),
    getTranslations("Status"),
    getTranslations("Term"),
    getFormatter(),
    getTranslations("SelfService"),
  ]);
  if (!user) {
    return (
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-10 sm:px-6 sm:py-16">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mb-6 mt-2 text-slate-600">{t("signInPrompt")}</p>
        <SignInButton redirectTo="/account" label={tc("signInWithMicrosoft")} chooseAccount />
      </main>
    );
  }
  const db = await getDb();
  const subs = await listSubscriptionsForBuyer(db, buyerScope(user));
  const [catalogue, brands] = await Promise.all([
    listCatalogueNames(
      db,
      subs.map((s) => s.offerId),
    ),
    requestBrands(subs.map((s) => s.offerId)),
  ]);
  const names = catalogueNames(catalogue);
  // An offer the catalogue does not know has no brand of its own: it is named by its ID, never as the portal.
  const known = new Set(catalogue.offers.map((o) => o.id));
  const brandOf = (offerId: string) => (known.has(offerId) ? brands.get(offerId) : undefined);
  return (
    <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-8 sm:px-6 sm:py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
      <SignedInAs user={user} returnTo="/account" className="mt-1" />
      {subs.length === 0 ? (
        <p className="mt-8 rounded-xl bg-white p-6 text-slate-600 ring-1 ring-slate-200">{t("empty")}</p>
      ) : (
        <>
          {/* Narrow screens get one card per subscription instead of the table, so nothing scrolls sideways (WCAG 1.4.10). */}
          <ul className="mt-8 space-y-3 sm:hidden" aria-label={t("caption")}>
            {subs.map((s) => (
              <li key={s.id} className="rounded-xl bg-white p-4 text-sm ring-1 ring-slate-200">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <span className="min-w-0 font-medium break-words text-slate-900">{s.name}</span>
                  <StatusBadge status={s.status} label={tStatus.has(s.status) ? tStatus(s.status) : s.status} />
                </div>
                <Product brand={brandOf(s.offerId)} offerId={s.offerId} className="mt-1" />
                <div className="font-mono text-xs break-all text-slate-500">{s.id}</div>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                  <dt className="text-slate-500">{t("plan")}</dt>
                  <dd className="min-w-0 break-words" title={s.planId}>
                    {names.plan(s.offerId, s.planId)}
                  </dd>
                  <dt className="text-slate-500">{t("seats")}</dt>
                  <dd>{s.quantity == null ? "—" : format.number(s.quantity)}</dd>
                  <dt className="text-slate-500">{t("term")}</dt>
                  <dd>
                    {s.termUnit ? tTerm("name", { unit: s.termUnit }) : "—"}
                    {s.termEndDate &&
                      ` · ${t("until", { date: format.dateTime(s.termEndDate, { dateStyle: "medium", timeZone: "UTC" }) })}`}
                  </dd>
                </dl>
                <div className="mt-3 flex flex-wrap gap-x-4">
                  {s.status === "Subscribed" && (
                    <OpenProductForm subscriptionId={s.id} className="font-medium text-brand-700 hover:underline">
                      {t("open")}
                      <span className="sr-only"> {s.name}</span>
                    </OpenProductForm>
                  )}
                  <ManageLink id={s.id} name={s.name} label={ts("manage")} />
                </div>
              </li>
            ))}
          </ul>
          <div className="mt-8 hidden overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200 sm:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("caption")}</caption>
              <TableHead
                density="roomy"
                columns={[
                  { label: t("subscription") },
                  { label: t("status") },
                  { label: t("plan") },
                  { label: t("seats") },
                  { label: t("term") },
                  { label: t("open"), srOnly: true },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {subs.map((s) => (
                  <tr key={s.id}>
                    <td className="px-4 py-3">
                      <div className="font-medium text-slate-900">{s.name}</div>
                      <Product brand={brandOf(s.offerId)} offerId={s.offerId} />
                      <div className="font-mono text-xs text-slate-500">{s.id}</div>
                    </td>
                    <td className="px-4 py-3">
                      <StatusBadge status={s.status} label={tStatus.has(s.status) ? tStatus(s.status) : s.status} />
                    </td>
                    <td className="px-4 py-3" title={s.planId}>
                      {names.plan(s.offerId, s.planId)}
                    </td>
                    <td className="px-4 py-3">{s.quantity == null ? "—" : format.number(s.quantity)}</td>
                    <td className="px-4 py-3">
                      {s.termUnit ? tTerm("name", { unit: s.termUnit }) : "—"}
                      {s.termEndDate && (
                        <span className="block text-xs text-slate-500">
                          {t("until", { date: format.dateTime(s.termEndDate, { dateStyle: "medium", timeZone: "UTC" }) })}
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {s.status === "Subscribed" && (
                        <OpenProductForm subscriptionId={s.id} className="font-medium text-brand-700 hover:underline">
                          {t("open")}
                          <span className="sr-only"> {s.name}</span>
                        </OpenProductForm>
                      )}
                      <ManageLink id={s.id} name={s.name} label={ts("manage")} className="ml-4" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}

/**
 * The product a subscription is of, in its own offer's brand: a buyer's list may span products of
 * one ISV, each with its own name and logo, while the page around it wears the portal's brand.
 */
function Product({ brand, offerId, className = "" }: { brand: Brand | undefined; offerId: string; className?: string }) {
  return (
    <div className={`flex min-w-0 items-center gap-2 text-xs text-slate-600 ${className}`} title={offerId}>
      {brand?.logoUrl && (
        // The product's name stands next to it, so the logo adds nothing for a screen reader (alt="").
        // eslint-disable-next-line @next/next/no-img-element -- a stored upload with its own immutable cache, not a build asset
        <img src={brand.logoUrl} alt="" className="h-5 w-auto max-w-20 shrink-0 object-contain" />
      )}
      <span className="min-w-0 break-words">{brand?.productName ?? offerId}</span>
    </div>
  );
}
