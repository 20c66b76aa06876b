import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getDb } from "@/db";
import { getPlan, listOnboardingFields } from "@/db/queries/catalogue";
import { listOpenOperationsForSubscription, listOperationsForSubscription } from "@/db/queries/partner-operations";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { CardSkeleton } from "@/components/admin/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireStaff } from "@/lib/auth/guards";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { ActionsPanel } from "./_components/actions-panel";
import { OperationProgress } from "./_components/operation-progress";
import { OnboardingValues, SubscriptionFields } from "./_components/subscription-fields";
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
  const [plan, fields, open, [latest]] = await Promise.all([
    getPlan(db, s.offerId, s.planId),
    listOnboardingFields(db, s.offerId),
    listOpenOperationsForSubscription(db, id),
    listOperationsForSubscription(db, id, 1),
  ]);
  return (
    <div className="space-y-6">
      <LiveRefresh subscription={id} />
      <div>
        <Link href="/admin/subscriptions" className="text-sm font-medium text-brand-700 hover:underline">
          ← Subscriptions
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3" data-testid="subscription-header">
          <h1 className="text-2xl font-semibold text-slate-900">{s.name || s.id}</h1>
          <StatusBadge status={s.status} />
          {s.isTest && <span className="rounded bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700">Test purchase</span>}
          {s.isFreeTrial && <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">Free trial</span>}
        </div>
        <p className="mt-1 text-sm text-slate-500">
          {s.offerId} · {plan?.displayName ?? s.planId} · {s.purchaserEmail ?? "unknown purchaser"}
        </p>
      </div>
      <OperationProgress open={open} latest={latest} />
      <ActionsPanel s={s} staff={staff} open={open} />
      <SubscriptionFields s={s} plan={plan} />
      <OnboardingValues values={s.onboardingValues} fields={fields} />
      <Suspense fallback={<CardSkeleton title="Usage" rows={6} />}>
        <UsageSection s={s} plan={plan} staff={staff} />
      </Suspense>
      <Suspense fallback={<CardSkeleton title="Timeline" rows={6} />}>
        <TimelineList subscriptionId={id} />
      </Suspense>
    </div>
  );
}
