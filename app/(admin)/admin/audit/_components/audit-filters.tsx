import Link from "next/link";
import type { AuditSearch } from "../search-params";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600";
const label = "block text-sm font-medium text-slate-700";

/** A plain GET form: the filter lands in the URL and works without JavaScript. */
export function AuditFiltersForm({ search, actions, targetTypes }: { search: AuditSearch; actions: string[]; targetTypes: string[] }) {
  const prefixes = [...new Set(actions.map((a) => `${a.split(".")[0]}.`))];
  return (
    <form method="get" action="/admin/audit" role="search" aria-label="Filter the audit log" className="grid gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 md:grid-cols-6">
      <div className="md:col-span-2">
        <label htmlFor="actor" className={label}>
          Who
        </label>
        <input id="actor" name="actor" defaultValue={search.actor} placeholder="E-mail, actor ID, or staff / system / marketplace" className={field} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor="audit-action" className={label}>
          What
        </label>
        <input id="audit-action" name="action" list="audit-actions" defaultValue={search.action} placeholder="e.g. subscription. or sync.completed" className={field} />
        <datalist id="audit-actions">
          {[...prefixes, ...actions].map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="targetType" className={label}>
          Target type
        </label>
        <select id="targetType" name="targetType" defaultValue={search.targetType ?? ""} className={field}>
          <option value="">Any</option>
          {targetTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="target" className={label}>
          Target ID
        </label>
        <input id="target" name="target" defaultValue={search.target} className={field} />
      </div>
      <div>
        <label htmlFor="from" className={label}>
          From (UTC)
        </label>
        <input id="from" name="from" type="date" defaultValue={search.from} className={field} />
      </div>
      <div>
        <label htmlFor="to" className={label}>
          To (UTC, inclusive)
        </label>
        <input id="to" name="to" type="date" defaultValue={search.to} className={field} />
      </div>
      <div className="flex items-end gap-3 md:col-span-4">
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
          Apply filters
        </button>
        <Link href="/admin/audit" className="text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
