import Link from "next/link";
import type { UsageHour } from "@/db/schema";
import { EmptyNote } from "@/components/admin/card";
import { TableScroll } from "@/components/ui/table";
import { hourRange, quantity, UsageStatus } from "./usage-status";

const WINDOW_MS = 24 * 3_600_000;

function timeLeft(hour: Date, now: Date): string {
  const ms = hour.getTime() + WINDOW_MS - now.getTime();
  if (ms <= 0) return "window passed";
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/**
 * Hours that need a look: refused or failed ones with Microsoft's reason, or closed ones still
 * unsent near the end of the 24-hour window in which Microsoft accepts usage
 * (https://learn.microsoft.com/partner-center/marketplace-offers/marketplace-metering-service-apis).
 */
export function HourIssuesTable({
  hours,
  names,
  kind,
  now,
  empty,
}: {
  hours: UsageHour[];
  names: Map<string, string>;
  kind: "failures" | "expiring";
  now: Date;
  empty: string;
}) {
  if (hours.length === 0) return <EmptyNote>{empty}</EmptyNote>;
  return (
    <TableScroll label={kind === "failures" ? "Refused or unsent hours" : "Hours near the end of the window"}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">
          {kind === "failures"
            ? "Hours Microsoft refused or that could not be sent"
            : "Closed hours not yet sent, near the end of the 24-hour window"}
        </caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Hour
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Subscription
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Dimension
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              To report
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Attempts
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {kind === "failures" ? "Reason" : "Time left"}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hours.map((h) => (
            <tr key={`${h.subscriptionId}-${h.dimension}-${h.hour.toISOString()}`} className="align-top">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{hourRange(h.hour)}</td>
              <td className="px-3 py-2">
                <Link href={`/admin/subscriptions/${h.subscriptionId}#usage-title`} className="font-medium text-brand-700 hover:underline">
                  {names.get(h.subscriptionId) || h.subscriptionId}
                </Link>
              </td>
              <td className="px-3 py-2 font-mono text-xs text-slate-800">{h.dimension}</td>
              <td className="px-3 py-2">
                <UsageStatus status={h.status} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {quantity(h.status === "open" ? h.quantity - h.includedQuantity : h.reportedQuantity)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{h.attempts}</td>
              <td className="max-w-md px-3 py-2 text-xs">
                {kind === "failures" ? (
                  <span className="text-red-800">{h.lastError ?? "No reason recorded"}</span>
                ) : (
                  <span className="font-medium text-amber-800">{timeLeft(h.hour, now)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
