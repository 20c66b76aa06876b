import Link from "next/link";
import { InstantFilterForm } from "@/components/admin/instant-filter-form";
import { FilterInput, filterLabelClass, FilterSelect } from "@/components/admin/filter-fields";
import { STATUS_LABELS } from "@/components/format";
import { saasSubscriptionStatus } from "@/db/schema";
import type { SubscriptionSearch } from "../search-params";

/** Window options in days; a value from the URL that is not among them is offered too, so it survives the next change. */
function dayOptions(current: number | undefined, none: string, label: (n: number) => string) {
  const values = [...new Set([7, 30, ...(current ? [current] : [])])].sort((a, b) => a - b);
  return [["", none] as const, ...values.map((n) => [String(n), label(n)] as const)];
}

/** A GET form that applies itself as it changes: the filter lives in the URL, can be bookmarked, and works without JavaScript. */
export function FiltersForm({
  search,
  offerPlans,
}: {
  search: SubscriptionSearch;
  offerPlans: Array<{ offerId: string; planId: string }>;
}) {
  const offers = [...new Set(offerPlans.map((o) => o.offerId))];
  const plans = [...new Set(offerPlans.filter((o) => !search.offer || o.offerId === search.offer).map((o) => o.planId))];
  return (
    <InstantFilterForm
      action="/admin/subscriptions"
      label="Filter subscriptions"
      className="grid gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 md:grid-cols-6"
      noScriptSubmit={
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
        >
          Apply filters
        </button>
      }
    >
      <FilterInput
        id="q"
        label="Search"
        type="search"
        defaultValue={search.q}
        placeholder="Name, subscription ID, e-mail or tenant ID"
        className="md:col-span-3"
      />
      <FilterSelect id="offer" label="Offer" value={search.offer ?? ""} options={[["", "All offers"], ...offers]} />
      <FilterSelect id="plan" label="Plan" value={search.plan ?? ""} options={[["", "All plans"], ...plans]} />
      <FilterSelect
        id="sort"
        label="Sort by"
        value={search.sort}
        options={[
          ["created", "Created"],
          ["name", "Name"],
          ["status", "Status"],
        ]}
      />
      <fieldset className="md:col-span-3">
        <legend className={filterLabelClass}>Status</legend>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {saasSubscriptionStatus.enumValues.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="status"
                value={s}
                defaultChecked={search.status.includes(s)}
                className="h-4 w-4 rounded border-slate-300 text-brand-600"
              />
              {STATUS_LABELS[s] ?? s}
            </label>
          ))}
        </div>
      </fieldset>
      <FilterSelect
        id="test"
        label="Test purchases"
        value={search.test ?? ""}
        options={[
          ["", "Included"],
          ["no", "Excluded"],
          ["yes", "Only"],
        ]}
      />
      <FilterSelect
        id="trial"
        label="Free trial"
        value={search.trial ?? ""}
        options={[
          ["", "Any"],
          ["yes", "In free trial"],
          ["no", "Not in free trial"],
        ]}
      />
      <FilterSelect
        id="dir"
        label="Order"
        value={search.dir ?? ""}
        options={[
          ["", "Default"],
          ["asc", "Ascending"],
          ["desc", "Descending"],
        ]}
      />
      <FilterSelect
        id="older"
        label="Purchased"
        value={search.older ? String(search.older) : ""}
        options={dayOptions(search.older, "Any time", (n) => `More than ${n} days ago`)}
      />
      <FilterSelect
        id="ends"
        label="Term ends"
        value={search.ends ? String(search.ends) : ""}
        options={dayOptions(search.ends, "Any time", (n) => `Within ${n} days`)}
      />
      <div className="flex items-end gap-3 md:col-span-2">
        <Link href="/admin/subscriptions" className="py-2 text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </InstantFilterForm>
  );
}
