import type { ReactNode } from "react";
import type { OnboardingField, Plan, Subscription } from "@/db/schema";
import { date, dateTime, termName } from "@/components/format";
import { Card } from "@/components/admin/card";
import type { CatalogueNames } from "@/lib/catalogue/names";

const yesNo = (v: boolean) => (v ? "Yes" : "No");
const code = (v: string | null) => (v ? <code className="break-all text-xs">{v}</code> : "—");

/** Every field Microsoft reports and the portal's own record, grouped and folded; identifiers last. */
export function SubscriptionFacts({ s, plan, names }: { s: Subscription; plan: Plan | undefined; names: CatalogueNames }) {
  const request = s.activationRequest;
  return (
    <Card title="Details">
      <div className="divide-y divide-slate-100">
        <Group title="Plan and billing">
          <F label="Offer">{names.offer(s.offerId)}</F>
          <F label="Plan">{names.plan(s.offerId, s.planId)}</F>
          <F label="Pricing">{plan ? (plan.pricingModel === "per_user" ? "Per user" : "Flat rate") : "—"}</F>
          <F label="Seats">{s.quantity ?? "—"}</F>
          <F label="Allowed customer operations">{s.allowedCustomerOperations.join(", ") || "—"}</F>
          <F label="Status (Microsoft)">{s.status}</F>
          <F label="Provisioning (portal)">{s.provisioningState.replace("_", " ")}</F>
        </Group>
        <Group title="Term and flags">
          <F label="Term">{termName(s.termUnit)}</F>
          <F label="Term dates">{s.termStartDate ? `${date(s.termStartDate)} – ${date(s.termEndDate)}` : "—"}</F>
          <F label="Auto-renew">{yesNo(s.autoRenew)}</F>
          <F label="Free trial">{yesNo(s.isFreeTrial)}</F>
          <F label="Test purchase">{yesNo(s.isTest)}</F>
          <F label="Sandbox type">{s.sandboxType}</F>
          <F label="Session mode">{s.sessionMode}</F>
          <F label="Purchased (Microsoft)">{dateTime(s.marketplaceCreatedAt)}</F>
          <F label="First seen by the portal">{dateTime(s.createdAt)}</F>
          <F label="Last synced">{dateTime(s.lastSyncedAt)}</F>
        </Group>
        <Group title="Purchaser and user">
          <F label="Purchaser e-mail">{s.purchaserEmail ?? "—"}</F>
          <F label="User (beneficiary) e-mail">{s.beneficiaryEmail ?? "—"}</F>
        </Group>
        {/* An activation error is the next thing staff must act on: shown unfolded. */}
        <Group title="Activation" open={Boolean(s.activationError)}>
          <F label="Confirmed by">{s.confirmedByEmail ?? "—"}</F>
          <F label="Confirmed at">{dateTime(s.confirmedAt)}</F>
          <F label="Activated at">{dateTime(s.activatedAt)}</F>
          <F label="Activation request">
            {request
              ? `${names.plan(s.offerId, request.planId)}${request.quantity ? ` × ${request.quantity}` : ""} at ${dateTime(new Date(request.requestedAt))}`
              : "—"}
          </F>
          <F label="Activation error">{s.activationError ? <span className="text-red-700">{s.activationError}</span> : "—"}</F>
        </Group>
        <Group title="Identifiers">
          <F label="Subscription ID">{code(s.id)}</F>
          <F label="Offer ID">{code(s.offerId)}</F>
          <F label="Plan ID">{code(s.planId)}</F>
          <F label="Publisher ID">{code(s.publisherId)}</F>
          <F label="Purchaser tenant ID">{code(s.purchaserTenantId)}</F>
          <F label="Purchaser object ID">{code(s.purchaserObjectId)}</F>
          <F label="Purchaser PUID">{code(s.purchaserPuid)}</F>
          <F label="User tenant ID">{code(s.beneficiaryTenantId)}</F>
          <F label="User object ID">{code(s.beneficiaryObjectId)}</F>
          <F label="User PUID">{code(s.beneficiaryPuid)}</F>
          <F label="Activation correlation ID">{code(request?.correlationId ?? null)}</F>
        </Group>
      </div>
    </Card>
  );
}

/** The buyer's answers, labelled as staff defined the questions; unknown keys still show. */
export function OnboardingValues({ values, fields }: { values: Record<string, unknown>; fields: OnboardingField[] }) {
  const entries = Object.entries(values);
  return (
    <Card title="Onboarding values">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">The buyer has not answered any onboarding questions.</p>
      ) : (
        <Fields>
          {entries.map(([key, value]) => (
            <F key={key} label={fields.find((f) => f.key === key)?.label ?? key}>
              {typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value)}
            </F>
          ))}
        </Fields>
      )}
    </Card>
  );
}

function Group({ title, open, children }: { title: string; open?: boolean; children: ReactNode }) {
  return (
    <details open={open} className="group py-2 first:pt-0 last:pb-0">
      <summary className="cursor-pointer select-none py-1 text-sm font-medium text-slate-800 hover:text-brand-700">{title}</summary>
      <div className="mt-2 pb-2">
        <Fields>{children}</Fields>
      </div>
    </details>
  );
}

function Fields({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">{children}</dl>;
}

function F({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words font-medium text-slate-900">{children}</dd>
    </div>
  );
}
