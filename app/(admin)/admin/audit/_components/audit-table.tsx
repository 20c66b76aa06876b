import Link from "next/link";
import type { AuditEvent } from "@/db/schema";
import { dateTime } from "@/components/format";
import { TableScroll } from "@/components/ui/table";
import { auditTargetHref, auditTargetKey, TARGET_TYPE_WORDS } from "@/lib/audit/targets";

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** The target by name, linked to the page that shows it; the ID on hover (or shown when there is no name). */
function Target({ e, name }: { e: AuditEvent; name: string | undefined }) {
  const href = auditTargetHref(e.targetType, e.targetId);
  const label = name ?? e.targetId;
  const look = name ? "font-medium" : "break-all font-mono text-xs";
  return (
    <>
      <span className="block text-xs text-slate-500">{TARGET_TYPE_WORDS[e.targetType] ?? e.targetType}</span>
      {href ? (
        <Link href={href} title={`ID: ${e.targetId}`} className={`${look} text-brand-700 hover:underline`}>
          {label}
        </Link>
      ) : (
        <span title={name ? `ID: ${e.targetId}` : undefined} className={look}>
          {label}
        </span>
      )}
    </>
  );
}

/** Read-only by design: the log is append-only, so rows offer no edit or delete. */
export function AuditTable({
  rows,
  names,
  planName,
}: {
  rows: AuditEvent[];
  names: Map<string, string>;
  planName: (e: AuditEvent, planId: string) => string;
}) {
  /** A plan ID in a change is shown by name, the ID on hover. */
  const value = (e: AuditEvent, field: string, v: unknown) => {
    if (field !== "planId" || typeof v !== "string") return show(v);
    const name = planName(e, v);
    return name === v ? v : <span title={`Plan ID: ${v}`}>{name}</span>;
  };
  return (
    <TableScroll label="Audit events">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              When
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Who
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              What
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Target
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Before → after
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              IDs
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{dateTime(e.occurredAt)}</td>
              <td className="px-4 py-2.5 text-slate-800">
                {e.actorEmail ?? e.actorId ?? "—"}
                <span className="block text-xs text-slate-500">{e.actorType}</span>
              </td>
              <td className="px-4 py-2.5 font-medium text-slate-900">{e.action}</td>
              <td className="px-4 py-2.5">
                <Target e={e} name={names.get(auditTargetKey(e.targetType, e.targetId))} />
              </td>
              <td className="max-w-md px-4 py-2.5 text-xs">
                {Object.keys(e.changes).length > 0 && (
                  <ul className="space-y-0.5">
                    {Object.entries(e.changes).map(([field, c]) => (
                      <li key={field}>
                        <span className="font-medium text-slate-700">{field}</span>:{" "}
                        <span className="text-slate-500">{value(e, field, c.from)}</span> →{" "}
                        <span className="text-slate-900">{value(e, field, c.to)}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {Object.keys(e.metadata).length > 0 && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-500">Details</summary>
                    <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-slate-700">
                      {JSON.stringify(e.metadata, null, 2)}
                    </pre>
                  </details>
                )}
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-500">
                <span className="block">#{e.id}</span>
                {e.requestId && <span className="block">req {e.requestId}</span>}
                {e.correlationId && <span className="block">corr {e.correlationId}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
