import Link from "next/link";
import { STATUS_LABELS } from "@/components/format";
import { saasSubscriptionStatus } from "@/db/schema";
import type { SubscriptionSearch } from "../search-params";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600";
const label = "block text-sm font-medium text-slate-700";

/** A plain GET form: the filter lands in the URL, works without JavaScript and can be bookmarked. */
export function FiltersForm({ search, offerPlans }: { search: SubscriptionSearch; offerPlans: Array<{ offerId: string; planId: string }> }) {
  const offers = [...new Set(offerPlans.map((o) => o.offerId))];
  const plans = [...new Set(offerPlans.filter((o) => !search.offer || o.offerId === search.offer).map((o) => o.planId))];
  return (
    <form method="get" action="/admin/subscriptions" role="search" aria-label="Filter subscriptions" className="grid gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 md:grid-cols-6">
      <div className="md:col-span-3">
        <label htmlFor="q" className={label}>
          Search
        </label>
        <input id="q" name="q" type="search" defaultValue={search.q} placeholder="Name, subscription ID, e-mail or tenant ID" className={field} />
      </div>
      <div>
        <label htmlFor="offer" className={label}>
          Offer
        </label>
        <select id="offer" name="offer" defaultValue={search.offer ?? ""} className={field}>
          <option value="">All offers</option>
          {offers.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="plan" className={label}>
          Plan
        </label>
        <select id="plan" name="plan" defaultValue={search.plan ?? ""} className={field}>
          <option value="">All plans</option>
          {plans.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="sort" className={label}>
          Sort by
        </label>
        <select id="sort" name="sort" defaultValue={search.sort} className={field}>
          <option value="created">Created</option>
          <option value="name">Name</option>
          <option value="status">Status</option>
        </select>
      </div>
      <fieldset className="md:col-span-3">
        <legend className={label}>Status</legend>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {saasSubscriptionStatus.enumValues.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="status" value={s} defaultChecked={search.status.includes(s)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
              {STATUS_LABELS[s] ?? s}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="test" className={label}>
          Test purchases
        </label>
        <select id="test" name="test" defaultValue={search.test ?? ""} className={field}>
          <option value="">Included</option>
          <option value="no">Excluded</option>
          <option value="yes">Only</option>
        </select>
      </div>
      <div>
        <label htmlFor="trial" className={label}>
          Free trial
        </label>
        <select id="trial" name="trial" defaultValue={search.trial ?? ""} className={field}>
          <option value="">Any</option>
          <option value="yes">In free trial</option>
          <option value="no">Not in free trial</option>
        </select>
      </div>
      <div>
        <label htmlFor="dir" className={label}>
          Order
        </label>
        <select id="dir" name="dir" defaultValue={search.dir ?? ""} className={field}>
          <option value="">Default</option>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      <div className="flex items-end gap-3 md:col-span-6">
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2">
          Apply filters
        </button>
        <Link href="/admin/subscriptions" className="text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
