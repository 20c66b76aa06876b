import type { Metadata } from "next";
import { Suspense } from "react";
import { getDb } from "@/db";
import { listSubscriptionOfferPlans } from "@/db/queries/admin-subscriptions";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { CardSkeleton } from "@/components/admin/skeleton";
import { requireStaff } from "@/lib/auth/guards";
import { FilterChips, SavedViews } from "./_components/filter-chips";
import { FiltersForm } from "./_components/filters-form";
import { SubscriptionsTable } from "./_components/subscriptions-table";
import { parseSubscriptionSearch, searchQuery } from "./search-params";

export const metadata: Metadata = { title: "Subscriptions" };

export default async function SubscriptionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = parseSubscriptionSearch(await searchParams);
  const query = searchQuery(search);
  await requireStaff("viewer", { path: `/admin/subscriptions${query}` });
  const offerPlans = await listSubscriptionOfferPlans(await getDb());
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <h1 className="text-2xl font-semibold text-slate-900">Subscriptions</h1>
      <SavedViews query={query} />
      <FiltersForm key={`filters${query}`} search={search} offerPlans={offerPlans} />
      <FilterChips search={search} />
      <Suspense key={`results${query}`} fallback={<CardSkeleton title="Subscriptions" rows={10} />}>
        <SubscriptionsTable search={search} />
      </Suspense>
    </div>
  );
}
