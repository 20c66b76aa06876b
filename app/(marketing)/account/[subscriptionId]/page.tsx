import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db";
import { listOpenOperationsForSubscription } from "@/db/queries/partner-operations";
import { listCatalogueNames } from "@/db/queries/catalogue";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { SignInButton } from "@/components/sign-in-button";
import { SupportNote } from "@/components/buyer/support-note";
import { StatusBadge } from "@/components/ui/status-badge";
import { currentUser } from "@/lib/auth";
import { catalogueNames } from "@/lib/catalogue/names";
import { buyerCanSee } from "@/lib/subscriptions/access";
import { loadBuyerActivity } from "@/lib/subscriptions/buyer-activity";
import { selfServiceOptions } from "@/lib/subscriptions/self-service";
import { ActivityList } from "../_components/activity-list";
import { CancelForm } from "../_components/cancel-form";
import { ChangeOptions } from "../_components/change-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SelfService"))("metaTitle") };
}

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <section aria-label={title} className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
    <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
    {children}
  </section>
);

export default async function ManageSubscriptionPage({ params }: { params: Promise<{ subscriptionId: string }> }) {
  const raw = (await params).subscriptionId;
  const [user, t, ta, tStatus, tTerm, format] = await Promise.all([
    currentUser(),
    getTranslations("SelfService"),
    getTranslations("Account"),
    getTranslations("Status"),
    getTranslations("Term"),
    getFormatter(),
  ]);
  const id = z.guid().safeParse(raw);
  if (!id.success) notFound();
  if (!user) {
    return (
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-10 sm:px-6 sm:py-16">
        <h1 className="text-2xl font-semibold text-slate-900">{t("metaTitle")}</h1>
        <p className="mb-6 mt-2 text-slate-600">{ta("signInPrompt")}</p>
        <SignInButton redirectTo={`/account/${id.data}`} label={(await getTranslations("Common"))("signInWithMicrosoft")} chooseAccount />
      </main>
    );
  }
  const db = await getDb();
  const sub = await getSubscriptionById(db, id.data);
  // Someone else's subscription looks exactly like one that does not exist.
  if (!sub || !buyerCanSee(sub, user)) notFound();
  const [options, open, activity, catalogue] = await Promise.all([
    selfServiceOptions(db, sub),
    listOpenOperationsForSubscription(db, sub.id),
    loadBuyerActivity(db, sub.id, user),
    listCatalogueNames(db, [sub.offerId]),
  ]);
  const names = catalogueNames(catalogue);
  const planName = (planId: string) => names.plan(sub.offerId, planId);
  const anything = options.seats || options.plan || options.cancel;

  return (
    <main className="mx-auto w-full max-w-3xl flex-1 space-y-6 px-4 py-8 sm:px-6 sm:py-12">
      <div>
        <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
          {t("back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">{sub.name}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
          <StatusBadge status={sub.status} label={tStatus.has(sub.status) ? tStatus(sub.status) : sub.status} />
          <span title={sub.planId}>
            {ta("plan")}: <span className="font-medium text-slate-900">{planName(sub.planId)}</span>
          </span>
          {sub.quantity !== null && (
            <span>
              {ta("seats")}: <span className="font-medium text-slate-900">{format.number(sub.quantity)}</span>
            </span>
          )}
          {sub.termUnit && (
            <span>
              {ta("term")}: <span className="font-medium text-slate-900">{tTerm("name", { unit: sub.termUnit })}</span>
              {sub.termEndDate && ` · ${ta("until", { date: format.dateTime(sub.termEndDate, { dateStyle: "medium", timeZone: "UTC" }) })}`}
            </span>
          )}
        </div>
      </div>

      {options.locked ? (
        <p role="status" className="rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
          {t("locked", { change: open[0]?.action ?? "other", value: pendingValue(open[0], format.number, planName) })}
        </p>
      ) : !anything ? (
        <div className="rounded-xl bg-white p-5 text-sm text-slate-600 ring-1 ring-slate-200">
          <p>{t("nothingAllowed")}</p>
          <SupportNote offerId={sub.offerId} />
        </div>
      ) : (
        <>
          {(options.seats || options.plan) && (
            <Suspense fallback={<div className="h-40 animate-pulse rounded-xl bg-slate-100" />}>
              <ChangeOptions sub={sub} seats={options.seats} plan={options.plan} />
            </Suspense>
          )}
          {options.cancel && (
            <Section title={t("cancelTitle")}>
              <CancelForm subscriptionId={sub.id} labels={await cancelLabels()} />
            </Section>
          )}
        </>
      )}

      <Section title={t("activityTitle")}>
        <ActivityList entries={activity} planName={planName} />
      </Section>
    </main>
  );
}

/** The seats or plan a pending change asks for, in the buyer's number format and the plan's own name. */
function pendingValue(
  op: { requestedQuantity: number | null; requestedPlanId: string | null } | undefined,
  number: (n: number) => string,
  planName: (planId: string) => string,
): string {
  if (op?.requestedQuantity != null) return number(op.requestedQuantity);
  return op?.requestedPlanId ? planName(op.requestedPlanId) : "";
}

async function cancelLabels() {
  const t = await getTranslations("SelfService");
  return {
    open: t("cancelOpen"),
    warning: t("cancelWarning"),
    reason: t("cancelReason"),
    confirm: t("cancelConfirm"),
    submit: t("cancelSubmit"),
    pending: t("cancelPending"),
  };
}
