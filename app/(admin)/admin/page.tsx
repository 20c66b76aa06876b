import type { Metadata } from "next";
import { Suspense } from "react";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { CardSkeleton, StatsSkeleton } from "@/components/admin/skeleton";
import { requireStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";
import { ActivityWidget } from "./_components/overview/activity-widget";
import { KeyFigures } from "./_components/overview/key-figures";
import { PendingWidget } from "./_components/overview/pending-widget";
import { PlansWidget } from "./_components/overview/plans-widget";
import { ProblemsWidget } from "./_components/overview/problems-widget";
import { StatusWidget } from "./_components/overview/status-widget";

export const metadata: Metadata = { title: "Overview" };

/** Each widget streams in on its own, so one slow query never holds the others back. */
export default async function OverviewPage() {
  const me = await requireStaff("viewer", { path: "/admin" });
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <h1 className="text-2xl font-semibold text-slate-900">Overview</h1>
      <Suspense fallback={<StatsSkeleton />}>
        <KeyFigures />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<CardSkeleton title="Pending activations" />}>
          <PendingWidget canApprove={hasRole(me.role, "operator")} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title="Subscriptions by status" />}>
          <StatusWidget />
        </Suspense>
        <Suspense fallback={<CardSkeleton title="Active subscriptions by plan" rows={6} />}>
          <PlansWidget />
        </Suspense>
        <Suspense fallback={<CardSkeleton title="New and cancelled, last 30 days" rows={6} />}>
          <ActivityWidget />
        </Suspense>
      </div>
      <Suspense fallback={<CardSkeleton title="Failed operations and webhook errors" />}>
        <ProblemsWidget />
      </Suspense>
    </div>
  );
}
