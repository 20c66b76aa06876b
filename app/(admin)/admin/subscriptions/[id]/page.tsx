import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getDb } from "@/db";
import { getPlan, listCatalogueNames, listOnboardingFields } from "@/db/queries/catalogue";
import { listOpenOperationsForSubscription, listOperationsForSubscription } from "@/db/queries/partner-operations";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { CardSkeleton } from "@/components/admin/skeleton";
import { requireStaff } from "@/lib/auth/guards";
import { catalogueNames } from "@/lib/catalogue/names";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { ActionsPanel } from "./_components/actions-panel";
import { OperationProgress } from "./_components/operation-progress";
import { OnboardingValues, SubscriptionFacts } from "./_components/subscription-fields";
import { SummaryHeader } from "./_components/summary-header";
import { TimelineList } from "./_components/timeline-list";
import { UsageSection } from "./_components/usage/usage-section";

export const metadata: Metadata = { title: "Subscription" };

export default async function SubscriptionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const staff = await requireStaff("viewer", { path: `/admin/subscriptions/${encodeURIComponent(raw)}` });
  if (!isGuid(raw)) notFound();
  const id = raw.toLowerCase();
  const db = await getDb();
  const s = await getSubscriptionById(db, id);
  if (!s) notFound();
  const [plan, fields, open, [latest], catalogue] = await Promise.all([
    getPlan(db, s.offerId, s.planId),
    listOnboardingFields(db, s.offerId),
    listOpenOperationsForSubscription(db, id),
    listOperationsForSubscription(db, id, 1),
    listCatalogueNames(db, [s.offerId]),
  ]);
  const names = catalogueNames(catalogue);
  const planName = (planId: string) => names.plan(s.offerId, planId);
  // Summary first, then what staff can do (a side panel on wide screens), then the facts, then the history.
  return (
    <div className="space-y-6">
      <LiveRefresh subscription={id} />
      <Link href="/admin/subscriptions" className="text-sm font-medium text-brand-700 hover:underline">
        ← Subscriptions
      </Link>
      <SummaryHeader s={s} plan={plan} names={names} />
      <OperationProgress open={open} latest={latest} planName={planName} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="min-w-0 lg:sticky lg:top-6 lg:col-start-2 lg:row-start-1">
          <ActionsPanel s={s} staff={staff} open={open} />
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          <SubscriptionFacts s={s} plan={plan} names={names} />
          <OnboardingValues values={s.onboardingValues} fields={fields} />
          <Suspense fallback={<CardSkeleton title="Timeline" rows={6} />}>
            <TimelineList subscriptionId={id} planName={planName} />
          </Suspense>
          <Suspense fallback={<CardSkeleton title="Usage" rows={6} />}>
            <UsageSection s={s} plan={plan} staff={staff} />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
