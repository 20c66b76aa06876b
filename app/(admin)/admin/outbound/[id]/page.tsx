import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getEndpoint, listDeliveries } from "@/db/queries/outbound";
import { Card } from "@/components/admin/card";
import { dateTime } from "@/components/format";
import { hasRole } from "@/lib/auth/staff";
import { requireStaff } from "@/lib/auth/guards";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { getSecretBox } from "@/lib/outbound/secret-box";
import { DeliveriesTable } from "../_components/deliveries-table";
import { DeliveryFilters } from "../_components/delivery-filters";
import { EnabledBadge } from "../_components/delivery-status";
import { EndpointControls } from "../_components/endpoint-controls";
import { EndpointForm } from "../_components/endpoint-form";
import { SecretPanel } from "../_components/secret-panel";
import { deliveryFilters, deliveryQuery, parseDeliverySearch } from "../search-params";

export const metadata: Metadata = { title: "Outbound endpoint" };

const PAGE = 50;

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id: raw } = await params;
  const search = { ...parseDeliverySearch(await searchParams), endpoint: undefined };
  const staff = await requireStaff("viewer", { path: `/admin/outbound/${encodeURIComponent(raw)}${deliveryQuery(search)}` });
  if (!isGuid(raw)) notFound();
  const id = raw.toLowerCase();
  const db = await getDb();
  const endpoint = await getEndpoint(db, id);
  if (!endpoint) notFound();
  const deliveries = await listDeliveries(db, { ...deliveryFilters(search, PAGE), endpointId: id });
  const last = deliveries.at(-1);
  const owner = hasRole(staff.role, "owner");
  const rotating =
    endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? dateTime(endpoint.previousSecretExpiresAt) : null;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/outbound" className="text-sm font-medium text-brand-700 hover:underline">
          ← Outbound events
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="break-all text-2xl font-semibold text-slate-900">{endpoint.url}</h1>
          <EnabledBadge enabled={endpoint.enabled} />
        </div>
        <p className="mt-1 text-sm text-slate-500">
          {endpoint.description || "No description"} · added {dateTime(endpoint.createdAt)}
          {endpoint.createdBy ? ` by ${endpoint.createdBy}` : ""}
        </p>
      </div>
      {hasRole(staff.role, "operator") ? (
        <Card title="Actions">
          <EndpointControls id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} canManage={owner} />
        </Card>
      ) : (
        <p className="text-sm text-slate-600">Your role ({staff.role}) can look but not send or change anything here.</p>
      )}
      {owner && (
        <Card title="Signing secret">
          <SecretPanel id={endpoint.id} rotatingUntil={rotating} encryptedAtRest={getSecretBox().isSealed(endpoint.secret)} />
        </Card>
      )}
      {owner ? (
        <Card title="Edit endpoint">
          <EndpointForm
            endpoint={{
              id: endpoint.id,
              url: endpoint.url,
              description: endpoint.description,
              enabled: endpoint.enabled,
              eventTypes: endpoint.eventTypes,
            }}
          />
        </Card>
      ) : (
        <Card title="Events">
          <p className="text-sm text-slate-700">{endpoint.eventTypes.join(", ")}</p>
        </Card>
      )}
      <Card title="Deliveries">
        <div className="space-y-4">
          <DeliveryFilters search={search} endpoints={[]} action={`/admin/outbound/${endpoint.id}`} />
          <DeliveriesTable
            rows={deliveries}
            showEndpoint={false}
            nextPage={last && deliveries.length === PAGE ? `/admin/outbound/${endpoint.id}${deliveryQuery(search, last)}` : undefined}
          />
        </div>
      </Card>
    </div>
  );
}
