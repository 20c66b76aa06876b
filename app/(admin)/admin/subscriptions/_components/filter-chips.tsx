import Link from "next/link";
import { STATUS_LABELS } from "@/components/format";
import { searchQuery, type SubscriptionSearch } from "../search-params";

const PATH = "/admin/subscriptions";

/** The common questions, one link each: the URL is the view, so these are plain bookmarks (in searchQuery's own spelling). */
export const SAVED_VIEWS: ReadonlyArray<{ label: string; query: string }> = [
  { label: "Pending activation for more than 7 days", query: "?status=PendingFulfillmentStart&older=7&dir=asc" },
  { label: "Suspended", query: "?status=Suspended" },
  { label: "Trials ending this week", query: "?status=Subscribed&trial=yes&ends=7&dir=asc" },
];

interface Chip {
  label: string;
  href: string;
}

/** One chip per active filter (one per status), each removed on its own by following its link. */
export function chipsOf(s: SubscriptionSearch): Chip[] {
  const without = (changes: Partial<SubscriptionSearch>) => `${PATH}${searchQuery(s, changes)}`;
  const chips: Chip[] = [];
  if (s.q) chips.push({ label: `Search: ${s.q}`, href: without({ q: undefined }) });
  for (const status of s.status)
    chips.push({ label: `Status: ${STATUS_LABELS[status] ?? status}`, href: without({ status: s.status.filter((x) => x !== status) }) });
  if (s.offer) chips.push({ label: `Offer: ${s.offer}`, href: without({ offer: undefined, plan: undefined }) });
  if (s.plan) chips.push({ label: `Plan: ${s.plan}`, href: without({ plan: undefined }) });
  if (s.test) chips.push({ label: s.test === "yes" ? "Test purchases only" : "No test purchases", href: without({ test: undefined }) });
  if (s.trial) chips.push({ label: s.trial === "yes" ? "In free trial" : "Not in free trial", href: without({ trial: undefined }) });
  if (s.older) chips.push({ label: `Purchased more than ${s.older} days ago`, href: without({ older: undefined }) });
  if (s.ends) chips.push({ label: `Term ends within ${s.ends} days`, href: without({ ends: undefined }) });
  return chips;
}

export function SavedViews({ query }: { query: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <h2 className="font-medium text-slate-700">Saved views:</h2>
      <ul className="flex flex-wrap gap-2">
        {SAVED_VIEWS.map((v) => {
          const current = v.query === query;
          return (
            <li key={v.label}>
              <Link
                href={`${PATH}${v.query}`}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-full px-3 py-1 font-medium ring-1 ring-inset ${
                  current ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-brand-700 ring-slate-300 hover:bg-slate-50"
                }`}
              >
                {v.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function FilterChips({ search }: { search: SubscriptionSearch }) {
  const chips = chipsOf(search);
  if (chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <h2 className="sr-only">Active filters</h2>
      <ul className="flex flex-wrap gap-2" aria-label="Active filters">
        {chips.map((c) => (
          <li key={c.label}>
            <Link
              href={c.href}
              aria-label={`Remove filter ${c.label}`}
              className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 py-1 pr-2 pl-3 text-slate-800 ring-1 ring-slate-200 ring-inset hover:bg-slate-200"
            >
              {c.label}
              <span aria-hidden="true" className="text-slate-500">
                ×
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <Link href={PATH} className="font-medium text-slate-600 hover:underline">
          Clear all
        </Link>
      )}
    </div>
  );
}
