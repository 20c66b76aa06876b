import type { ReactNode } from "react";
import type { OnboardingField, Plan, Subscription } from "@/db/schema";
import { date, dateTime, money, termName } from "@/components/format";
import { Card } from "@/components/admin/card";

const yesNo = (v: boolean) => (v ? "Yes" : "No");
const code = (v: string | null) => (v ? <code className="break-all text-xs">{v}</code> : "—");

/** Every field Microsoft reports, and the portal's own provisioning record next to it. */
export function SubscriptionFields({ s, plan }: { s: Subscription; plan: Plan | undefined }) {
  const term = plan?.billingTerms.find((t) => t.termUnit === s.termUnit);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Subscription">
        <Fields>
          <F label="Subscription ID">{code(s.id)}</F>
          <F label="Name">{s.name || "—"}</F>
          <F label="Offer">{s.offerId}</F>
          <F label="Plan">
            {plan?.displayName ?? s.planId} <span className="text-slate-500">({s.planId})</span>
          </F>
          <F label="Pricing">
            {plan ? (plan.pricingModel === "per_user" ? "Per user" : "Flat rate") : "—"}
            {term ? ` · ${money(term.price, term.currency)} / ${termName(term.termUnit).toLowerCase()}` : ""}
          </F>
          <F label="Quantity">{s.quantity ?? "—"}</F>
          <F label="Status (Microsoft)">{s.status}</F>
          <F label="Provisioning (portal)">{s.provisioningState.replace("_", " ")}</F>
          <F label="Publisher">{s.publisherId ?? "—"}</F>
          <F label="Allowed customer operations">{s.allowedCustomerOperations.join(", ") || "—"}</F>
        </Fields>
      </Card>
      <Card title="Term and flags">
        <Fields>
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
        </Fields>
      </Card>
      <Card title="Purchaser and beneficiary">
        <Fields>
          <F label="Purchaser e-mail">{s.purchaserEmail ?? "—"}</F>
          <F label="Purchaser tenant">{code(s.purchaserTenantId)}</F>
          <F label="Purchaser object ID">{code(s.purchaserObjectId)}</F>
          <F label="Purchaser PUID">{s.purchaserPuid ?? "—"}</F>
          <F label="Beneficiary e-mail">{s.beneficiaryEmail ?? "—"}</F>
          <F label="Beneficiary tenant">{code(s.beneficiaryTenantId)}</F>
          <F label="Beneficiary object ID">{code(s.beneficiaryObjectId)}</F>
          <F label="Beneficiary PUID">{s.beneficiaryPuid ?? "—"}</F>
        </Fields>
      </Card>
      <Card title="Activation">
        <Fields>
          <F label="Confirmed by">{s.confirmedByEmail ?? "—"}</F>
          <F label="Confirmed at">{dateTime(s.confirmedAt)}</F>
          <F label="Activated at">{dateTime(s.activatedAt)}</F>
          <F label="Activation request">
            {s.activationRequest
              ? `${s.activationRequest.planId}${s.activationRequest.quantity ? ` × ${s.activationRequest.quantity}` : ""} at ${s.activationRequest.requestedAt}`
              : "—"}
          </F>
          <F label="Activation error">{s.activationError ? <span className="text-red-700">{s.activationError}</span> : "—"}</F>
          <F label="Correlation ID">{code(s.activationRequest?.correlationId ?? null)}</F>
        </Fields>
      </Card>
    </div>
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

function Fields({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">{children}</dl>;
}

function F({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}
