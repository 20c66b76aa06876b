import Link from "next/link";
import { InstantFilterForm } from "@/components/admin/instant-filter-form";
import { FilterSelect } from "@/components/admin/filter-fields";
import { outboundDeliveryStatus } from "@/db/schema";
import { EVENT_TYPE_LABELS, OUTBOUND_EVENT_TYPES } from "@/lib/outbound/event-types";
import type { DeliverySearch } from "../search-params";
import { DELIVERY_STATUS_LABELS } from "./delivery-status";

/** A GET form that applies itself as it changes: the filter lands in the URL and works without JavaScript. */
export function DeliveryFilters({
  search,
  endpoints,
  action,
}: {
  search: DeliverySearch;
  endpoints: Array<{ id: string; url: string }>;
  action: string;
}) {
  return (
    <InstantFilterForm
      action={action}
      label="Filter deliveries"
      className="flex flex-wrap items-end gap-4"
      noScriptSubmit={
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
        >
          Filter
        </button>
      }
    >
      {endpoints.length > 0 && (
        <FilterSelect
          id="delivery-endpoint"
          name="endpoint"
          label="Endpoint"
          value={search.endpoint ?? ""}
          options={[["", "All endpoints"], ...endpoints.map((e) => [e.id, e.url] as const)]}
          className="min-w-64"
        />
      )}
      <FilterSelect
        id="delivery-status"
        name="status"
        label="Status"
        value={search.status ?? ""}
        options={[["", "Any status"], ...outboundDeliveryStatus.enumValues.map((s) => [s, DELIVERY_STATUS_LABELS[s] ?? s] as const)]}
        className="min-w-40"
      />
      <FilterSelect
        id="delivery-event"
        name="event"
        label="Event"
        value={search.event ?? ""}
        options={[["", "Any event"], ...OUTBOUND_EVENT_TYPES.map((t) => [t, EVENT_TYPE_LABELS[t]] as const)]}
        className="min-w-64"
      />
      <Link href={action} className="pb-2 text-sm font-medium text-slate-600 hover:underline">
        Clear
      </Link>
    </InstantFilterForm>
  );
}
