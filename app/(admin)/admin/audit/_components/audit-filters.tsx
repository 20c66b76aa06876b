import Link from "next/link";
import { InstantFilterForm } from "@/components/admin/instant-filter-form";
import { filterControlClass, FilterField, FilterInput, FilterSelect } from "@/components/admin/filter-fields";
import type { AuditSearch } from "../search-params";

/** A GET form that applies itself as it changes: the filter lands in the URL and works without JavaScript. */
export function AuditFiltersForm({ search, actions, targetTypes }: { search: AuditSearch; actions: string[]; targetTypes: string[] }) {
  const prefixes = [...new Set(actions.map((a) => `${a.split(".")[0]}.`))];
  return (
    <InstantFilterForm
      action="/admin/audit"
      label="Filter the audit log"
      className="grid gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 md:grid-cols-6"
      noScriptSubmit={
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
          Apply filters
        </button>
      }
    >
      <FilterInput
        id="actor"
        label="Who"
        defaultValue={search.actor}
        placeholder="E-mail, actor ID, or staff / system / marketplace"
        className="md:col-span-2"
      />
      <FilterField id="audit-action" label="What" className="md:col-span-2">
        <input
          id="audit-action"
          name="action"
          list="audit-actions"
          defaultValue={search.action}
          placeholder="e.g. subscription. or sync.completed"
          className={filterControlClass}
        />
        <datalist id="audit-actions">
          {[...prefixes, ...actions].map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </FilterField>
      <FilterSelect id="targetType" label="Target type" value={search.targetType ?? ""} options={[["", "Any"], ...targetTypes]} />
      <FilterInput id="target" label="Target ID" defaultValue={search.target} />
      <FilterInput id="from" label="From (UTC)" type="date" defaultValue={search.from} />
      <FilterInput id="to" label="To (UTC, inclusive)" type="date" defaultValue={search.to} />
      <div className="flex items-end gap-3 md:col-span-4">
        <Link href="/admin/audit" className="text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </InstantFilterForm>
  );
}
