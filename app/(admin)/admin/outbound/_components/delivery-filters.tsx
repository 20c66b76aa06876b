import Link from "next/link";
import { outboundDeliveryStatus } from "@/db/schema";
import type { DeliverySearch } from "../search-params";
import { DELIVERY_STATUS_LABELS } from "./delivery-status";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600";

/** A plain GET form: the filter lands in the URL and works without JavaScript. */
export function DeliveryFilters({ search, endpoints, action }: { search: DeliverySearch; endpoints: Array<{ id: string; url: string }>; action: string }) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter deliveries" className="flex flex-wrap items-end gap-4">
      {endpoints.length > 0 && (
        <div className="min-w-64">
          <label htmlFor="delivery-endpoint" className="block text-sm font-medium text-slate-700">
            Endpoint
          </label>
          <select id="delivery-endpoint" name="endpoint" defaultValue={search.endpoint ?? ""} className={field}>
            <option value="">All endpoints</option>
            {endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="min-w-40">
        <label htmlFor="delivery-status" className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select id="delivery-status" name="status" defaultValue={search.status ?? ""} className={field}>
          <option value="">Any status</option>
          {outboundDeliveryStatus.enumValues.map((s) => (
            <option key={s} value={s}>
              {DELIVERY_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2">
        Filter
      </button>
      <Link href={action} className="pb-2 text-sm font-medium text-slate-600 hover:underline">
        Clear
      </Link>
    </form>
  );
}
