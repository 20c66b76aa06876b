import { date } from "@/components/format";
import { quantity } from "@/app/(admin)/admin/usage/_components/usage-status";
import type { TermUsage } from "@/lib/metering";

/** The plan's allowance per dimension against this term's usage; the allowance restarts at renewal. */
export function TermUsageList({ terms, names }: { terms: TermUsage[]; names: Map<string, string> }) {
  const [first] = terms;
  return (
    <div className="space-y-3">
      {first && (
        <p className="text-sm text-slate-600">
          This term: {date(first.termStart)} – {date(first.termEnd)}
        </p>
      )}
      <dl className="grid gap-3 sm:grid-cols-2">
        {terms.map((t) => {
          const share = t.included > 0 ? Math.min(100, Math.round((t.includedUsed / t.included) * 100)) : 100;
          return (
            <div key={t.dimension} className="rounded-lg px-4 py-3 ring-1 ring-slate-200">
              <dt className="text-sm font-medium text-slate-800">
                {names.get(t.dimension) ?? t.dimension}{" "}
                <span className="font-mono text-xs font-normal text-slate-500">({t.dimension})</span>
              </dt>
              <dd className="mt-1 text-sm tabular-nums text-slate-700">
                {quantity(t.used)} used · {quantity(t.includedUsed)} of {quantity(t.included)} included · {quantity(t.reported)} reported
                {t.billed !== t.reported && <span className="text-slate-500"> ({quantity(t.billed)} billed so far)</span>}
              </dd>
              {t.included > 0 && (
                <dd className="mt-2 h-1.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                  <div className={`h-full ${share >= 100 ? "bg-brand-600" : "bg-slate-400"}`} style={{ width: `${share}%` }} />
                </dd>
              )}
            </div>
          );
        })}
      </dl>
    </div>
  );
}
