import type { Metadata } from "next";
import { getDb } from "@/db";
import { countDeliveriesByEndpoint, listDeliveries, listEndpoints } from "@/db/queries/outbound";
import { Card } from "@/components/admin/card";
import { hasRole } from "@/lib/auth/staff";
import { requireStaff } from "@/lib/auth/guards";
import { DeliveriesTable } from "./_components/deliveries-table";
import { DeliveryFilters } from "./_components/delivery-filters";
import { EndpointForm } from "./_components/endpoint-form";
import { EndpointsTable, type DeliveryCounts } from "./_components/endpoints-table";
import { deliveryFilters, deliveryQuery, parseDeliverySearch } from "./search-params";

export const metadata: Metadata = { title: "Outbound events" };

const PAGE = 50;

export default async function OutboundPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = parseDeliverySearch(await searchParams);
  const staff = await requireStaff("viewer", { path: `/admin/outbound${deliveryQuery(search)}` });
  const db = await getDb();
  const [endpoints, countRows, deliveries] = await Promise.all([
    listEndpoints(db),
    countDeliveriesByEndpoint(db),
    listDeliveries(db, deliveryFilters(search, PAGE)),
  ]);
  const counts: DeliveryCounts = {};
  for (const r of countRows) (counts[r.endpointId] ??= {})[r.status] = r.count;
  const last = deliveries.at(-1);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Outbound events</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Subscription changes recorded in the audit log are sent to your own systems as signed HTTP POSTs (Standard Webhooks). Each event
          reaches each endpoint once; failed deliveries are retried 8 times over about two hours, then can be replayed.
        </p>
      </div>
      <Card title={`Endpoints (${endpoints.length})`}>
        <EndpointsTable endpoints={endpoints} counts={counts} />
      </Card>
      {hasRole(staff.role, "owner") && (
        <Card title="Add an endpoint">
          <EndpointForm />
        </Card>
      )}
      <Card title="Delivery log">
        <div className="space-y-4">
          <DeliveryFilters search={search} endpoints={endpoints.map((e) => ({ id: e.id, url: e.url }))} action="/admin/outbound" />
          <DeliveriesTable
            rows={deliveries}
            showEndpoint
            nextPage={last && deliveries.length === PAGE ? `/admin/outbound${deliveryQuery(search, last)}` : undefined}
          />
        </div>
      </Card>
    </div>
  );
}
