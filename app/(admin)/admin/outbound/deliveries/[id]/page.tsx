import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getDelivery, getEndpoint, listAttempts } from "@/db/queries/outbound";
import { Card, EmptyNote } from "@/components/admin/card";
import { dateTime } from "@/components/format";
import { hasRole } from "@/lib/auth/staff";
import { requireStaff } from "@/lib/auth/guards";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { DeliveryStatus } from "../../_components/delivery-status";
import { ReplayButton } from "../../_components/replay-button";

export const metadata: Metadata = { title: "Delivery" };

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const staff = await requireStaff("viewer", { path: `/admin/outbound/deliveries/${encodeURIComponent(raw)}` });
  if (!isGuid(raw)) notFound();
  const db = await getDb();
  const delivery = await getDelivery(db, raw.toLowerCase());
  if (!delivery) notFound();
  const [endpoint, attempts] = await Promise.all([getEndpoint(db, delivery.endpointId), listAttempts(db, delivery.id)]);
  const finished = delivery.status === "succeeded" || delivery.status === "failed";
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/admin/outbound/${delivery.endpointId}`} className="text-sm font-medium text-brand-700 hover:underline">
          ← {endpoint?.url ?? "Endpoint"}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-slate-900">{delivery.eventType}</h1>
          <DeliveryStatus status={delivery.status} />
        </div>
        <p className="mt-1 text-sm text-slate-500">
          webhook-id <code>{delivery.id}</code>
          {delivery.auditEventId !== null && ` · audit event #${delivery.auditEventId}`} · created {dateTime(delivery.createdAt)}
          {delivery.status === "pending" && ` · next attempt ${dateTime(delivery.nextAttemptAt)}`}
        </p>
      </div>
      {hasRole(staff.role, "operator") && finished && (
        <Card title="Replay">
          <ReplayButton deliveryId={delivery.id} />
        </Card>
      )}
      <Card title={`Attempts (${attempts.length})`}>
        {attempts.length === 0 ? (
          <EmptyNote>Not attempted yet.</EmptyNote>
        ) : (
          <ol className="divide-y divide-slate-100">
            {attempts.map((a) => (
              <li key={a.id} className="py-3 text-sm">
                <p className="font-medium text-slate-900">
                  {a.statusCode !== null ? `HTTP ${a.statusCode}` : "No HTTP answer"} · {a.durationMs} ms ·{" "}
                  <span className="font-normal text-slate-500">{dateTime(a.startedAt)}</span>
                </p>
                {a.error && <p className="text-red-700">{a.error}</p>}
                {a.responseSnippet && (
                  <pre
                    tabIndex={0}
                    className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs text-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                  >
                    {a.responseSnippet}
                  </pre>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title="Body">
        {/* Scrolls on its own, so it takes the keyboard focus too. */}
        <pre
          tabIndex={0}
          role="region"
          aria-label="Event body as sent"
          className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs text-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          {pretty(delivery.body)}
        </pre>
      </Card>
    </div>
  );
}
