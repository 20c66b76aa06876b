import type { UsageSchedule } from "@/db/schema";
import { EmptyNote } from "@/components/admin/card";
import { dateTime } from "@/components/format";
import { TableScroll } from "@/components/ui/table";
import { quantity } from "@/app/(admin)/admin/usage/_components/usage-status";
import { EndScheduleButton } from "@/app/(admin)/admin/usage/_components/schedule-form";
import { CADENCE_LABEL } from "@/app/(admin)/admin/usage/cadences";

/** Fixed quantities posted on a cadence; ended ones stay listed for the record. */
export function ScheduleList({
  schedules,
  subscriptionId,
  canEnd,
}: {
  schedules: UsageSchedule[];
  subscriptionId: string;
  canEnd: boolean;
}) {
  if (schedules.length === 0) return <EmptyNote>No scheduled quantities.</EmptyNote>;
  // Scrolls by itself where the column is narrow: focusable, so keyboard users can scroll it too.
  return (
    <TableScroll label="Scheduled quantities">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Scheduled quantities</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Dimension
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Quantity
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              How often
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Next run
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Ends
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Created by
            </th>
            {canEnd && (
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">End</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {schedules.map((s) => (
            <tr key={s.id} className={s.active ? "" : "text-slate-400"}>
              <td className="px-3 py-2 font-mono text-xs">{s.dimension}</td>
              <td className="px-3 py-2 text-right tabular-nums">{quantity(s.quantity)}</td>
              <td className="px-3 py-2">{CADENCE_LABEL.get(s.cadence) ?? s.cadence}</td>
              <td className="whitespace-nowrap px-3 py-2">{s.active ? dateTime(s.nextRunAt) : "Ended"}</td>
              <td className="whitespace-nowrap px-3 py-2">{s.endsAt ? dateTime(s.endsAt) : "—"}</td>
              <td className="px-3 py-2 text-xs">{s.createdBy}</td>
              {canEnd && (
                <td className="px-3 py-2">
                  {s.active && (
                    <EndScheduleButton
                      subscriptionId={subscriptionId}
                      scheduleId={s.id}
                      label={`End the ${CADENCE_LABEL.get(s.cadence)?.toLowerCase()} schedule of ${s.quantity} ${s.dimension}`}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
