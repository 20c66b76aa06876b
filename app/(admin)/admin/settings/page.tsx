import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getBrandRows } from "@/db/queries/brand";
import { getSyncSettings } from "@/db/queries/sync";
import { PORTAL_BRAND_SCOPE } from "@/db/schema";
import { BrandForm } from "@/components/admin/brand-form";
import { brandValues } from "@/components/admin/brand-summary";
import { PORTAL_BRAND } from "@/lib/brand/brand";
import { dateTime } from "@/components/format";
import { Card } from "@/components/admin/card";
import { requireStaff } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { ConnectionCheck } from "./_components/connection-check";
import { DoctorChecks } from "./_components/doctor-checks";
import { AutoHealDriftForm } from "./_components/auto-heal-drift-form";
import { SyncIntervalForm } from "./_components/sync-interval-form";
import { updateBrandAction } from "../catalogue/actions";

export const metadata: Metadata = { title: "Settings" };

const MODES = {
  live: "Live: Microsoft's commercial marketplace API",
  emulator: "Microsoft's SaaS API emulator",
  simulator: "Built-in simulator (no marketplace credentials configured)",
} as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="break-all text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** Owner-only: how the portal reaches Microsoft, and what to paste into Partner Center. */
export default async function SettingsPage() {
  await requireStaff("owner", { path: "/admin/settings" });
  const env = getEnv();
  const m = env.marketplace;
  const db = await getDb();
  const [sync, brandRows] = await Promise.all([getSyncSettings(db), getBrandRows(db)]);
  const credential = m.credential
    ? m.credential.kind === "secret"
      ? "Client secret (not shown)"
      : `Certificate, thumbprint ${m.credential.thumbprint}`
    : "None";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">Settings</h1>
      <Card title="Marketplace connection">
        <dl className="divide-y divide-slate-100">
          <Row label="Mode">{MODES[m.mode]}</Row>
          <Row label="API base URL">
            <code>{m.apiBaseUrl}</code>
          </Row>
          {m.mode === "emulator" ? (
            <Row label="Publisher">{m.publisherId}</Row>
          ) : (
            <>
              <Row label="Entra tenant ID">
                <code>{m.tenantId}</code>
              </Row>
              <Row label="Entra application ID">
                <code>{m.clientId}</code>
              </Row>
              <Row label="Credential">{credential}</Row>
            </>
          )}
        </dl>
        <div className="mt-4">
          <ConnectionCheck />
        </div>
      </Card>
      <Card title="Configuration doctor">
        <p className="mb-3 text-sm text-slate-600">
          The checks of <code>npm run -s portal -- doctor</code>: the database and its migrations, a marketplace token, the public URL
          Microsoft and buyers use, the sign-in metadata and, in live mode, the app credential&apos;s expiry.
        </p>
        <DoctorChecks />
      </Card>
      <Card title="Partner Center: Technical configuration">
        <p className="text-sm text-slate-600">
          Paste these into the offer&apos;s Technical configuration page. The landing page URL must not contain #.
        </p>
        <dl className="mt-2 divide-y divide-slate-100">
          <Row label="Landing page URL">
            <code>{env.publicBaseUrl}/landing</code>
          </Row>
          <Row label="Connection webhook">
            <code>{env.publicBaseUrl}/api/webhook</code>
          </Row>
          {m.mode !== "emulator" && (
            <>
              <Row label="Microsoft Entra tenant ID">
                <code>{m.tenantId}</code>
              </Row>
              <Row label="Microsoft Entra application ID">
                <code>{m.clientId}</code>
              </Row>
            </>
          )}
        </dl>
      </Card>
      <section id="sync-schedule">
        <Card title="Reconciliation schedule">
          <p className="mb-3 text-sm text-slate-600">
            How often every app instance checks whether a sync with Microsoft is due; only one of them runs it.{" "}
            {sync.updatedBy ? `Last changed by ${sync.updatedBy}, ${dateTime(sync.updatedAt)}.` : "The default is every 6 hours."}{" "}
            <Link href="/admin/sync" className="font-medium text-brand-700 hover:underline">
              Sync page
            </Link>
          </p>
          <SyncIntervalForm intervalMinutes={sync.intervalMinutes} />
          <p className="mt-6 mb-3 text-sm text-slate-600">
            Status, plan, quantity, term dates, free trial and auto-renew belong to Microsoft. When a sync finds them different here and no
            change the portal started is pending, it applies Microsoft&apos;s version, records it in the audit log and sends the outbound
            event; staff decide only the rest.
          </p>
          <AutoHealDriftForm autoHealDrift={sync.autoHealDrift} />
        </Card>
      </section>
      <section id="brand">
        <Card title="Default brand">
          <p className="mb-3 text-sm text-slate-600">
            What buyers see on pages that know no offer (sign-in, errors, an account with several products), and what each offer&apos;s
            brand falls back to field by field. Each offer&apos;s own brand is set on its{" "}
            <Link href="/admin/catalogue" className="font-medium text-brand-700 hover:underline">
              catalogue page
            </Link>
            ; an offer without a product name shows its display name.
          </p>
          <BrandForm
            action={updateBrandAction}
            fallbackName={PORTAL_BRAND.productName}
            brand={brandValues(PORTAL_BRAND_SCOPE, brandRows.portal)}
          />
        </Card>
      </section>
      <Card title="More settings">
        <ul className="list-inside list-disc space-y-1 text-sm">
          <li>
            <Link href="/admin/staff" className="font-medium text-brand-700 hover:underline">
              Staff
            </Link>{" "}
            — who may use this dashboard, and with which role.
          </li>
          <li>
            <Link href="/admin/outbound" className="font-medium text-brand-700 hover:underline">
              Outbound endpoints
            </Link>{" "}
            — where the portal sends its own events.
          </li>
        </ul>
      </Card>
    </div>
  );
}
