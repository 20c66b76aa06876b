import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { listCatalogue } from "@/db/queries/admin-catalogue";
import { listOnboardingFields } from "@/db/queries/catalogue";
import { getSelfServiceSettings } from "@/db/queries/self-service";
import { getBrandRows } from "@/db/queries/brand";
import { BrandForm } from "@/components/admin/brand-form";
import { brandValues, BrandSummary } from "@/components/admin/brand-summary";
import { Card, EmptyNote } from "@/components/admin/card";
import { requireStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";
import { ACTIVATION_MODE_LABELS, CHANGE_POLICY_LABELS, FIELD_TYPE_LABELS } from "@/lib/catalogue/labels";
import { FieldControls } from "../_components/field-controls";
import { FieldForm } from "../_components/field-form";
import { OfferSettingsForm } from "../_components/offer-settings-form";
import { PlanPricing } from "../_components/plan-pricing";
import { PlanSettingsForm } from "../_components/plan-settings-form";
import { SelfServiceForm } from "../_components/self-service-form";
import { updateBrandAction } from "../actions";

export const metadata: Metadata = { title: "Offer" };

export default async function OfferPage({ params }: { params: Promise<{ offerId: string }> }) {
  const raw = (await params).offerId;
  let offerId = raw;
  try {
    offerId = decodeURIComponent(raw);
  } catch {
    notFound();
  }
  const staff = await requireStaff("viewer", { path: `/admin/catalogue/${encodeURIComponent(offerId)}` });
  const db = await getDb();
  const [[entry], fields, selfService, brandRows] = await Promise.all([
    listCatalogue(db, offerId),
    listOnboardingFields(db, offerId),
    getSelfServiceSettings(db, offerId),
    getBrandRows(db, offerId),
  ]);
  if (!entry) notFound();
  const { offer, plans } = entry;
  const owner = hasRole(staff.role, "owner");
  const planIds = plans.map((p) => p.planId);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/catalogue" className="text-sm font-medium text-brand-700 hover:underline">
          ← Catalogue
        </Link>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{offer.displayName}</h1>
        <p className="font-mono text-sm text-slate-500">{offer.id}</p>
        {!owner && <p className="mt-2 text-sm text-slate-600">Only owners change these settings.</p>}
      </div>
      <Card title="Offer">
        {owner ? (
          <OfferSettingsForm
            offer={{ offerId: offer.id, displayName: offer.displayName, description: offer.description, handoffUrl: offer.handoffUrl }}
          />
        ) : (
          <dl className="space-y-1 text-sm">
            <div>
              <dt className="inline text-slate-500">Description: </dt>
              <dd className="inline">{offer.description ?? "—"}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Hand-off URL: </dt>
              <dd className="inline">{offer.handoffUrl ?? "the portal's welcome page"}</dd>
            </div>
          </dl>
        )}
      </Card>
      <Card title="Self-service">
        <p className="mb-3 text-sm text-slate-600">
          What buyers may change themselves on their account page, always within what Microsoft allows for each subscription (a CSP
          purchase, for instance, allows none).
        </p>
        {owner ? (
          <SelfServiceForm offerId={offer.id} settings={selfService} />
        ) : (
          <p className="text-sm text-slate-700">
            Seats {selfService.changeSeats ? "on" : "off"} · plan {selfService.changePlan ? "on" : "off"} · cancel{" "}
            {selfService.cancel ? "on" : "off"}
          </p>
        )}
      </Card>
      <Card title="Brand">
        <p className="mb-3 text-sm text-slate-600">
          What this offer&apos;s buyers see: on the landing page, their account and the e-mails they get. Empty fields use the{" "}
          <Link href="/admin/settings#brand" className="font-medium text-brand-700 hover:underline">
            portal&apos;s default brand
          </Link>
          .
        </p>
        {owner ? (
          <BrandForm action={updateBrandAction} fallbackName={offer.displayName} brand={brandValues(offer.id, brandRows.offer)} />
        ) : (
          <BrandSummary brand={brandValues(offer.id, brandRows.offer)} />
        )}
      </Card>
      <Card title="Plans">
        {plans.length === 0 ? (
          <EmptyNote>No plans known yet: refresh the plans on the catalogue page.</EmptyNote>
        ) : (
          <ul className="divide-y divide-slate-100">
            {plans.map((p) => (
              <li key={p.planId} className="grid gap-4 py-4 md:grid-cols-[1fr_1fr_minmax(16rem,1fr)]">
                <div>
                  <h3 className="font-medium text-slate-900">{p.displayName}</h3>
                  <p className="font-mono text-xs text-slate-500">{p.planId}</p>
                  {p.description && <p className="mt-1 text-xs text-slate-600">{p.description}</p>}
                  <p className="mt-1 text-xs text-slate-500">
                    {p.liveSubscriptions} live subscription{p.liveSubscriptions === 1 ? "" : "s"}
                  </p>
                </div>
                <PlanPricing plan={p} />
                {owner ? (
                  <PlanSettingsForm offerId={offer.id} planId={p.planId} activationMode={p.activationMode} changePolicy={p.changePolicy} />
                ) : (
                  <p className="text-xs text-slate-700">
                    {ACTIVATION_MODE_LABELS[p.activationMode]}
                    <br />
                    {CHANGE_POLICY_LABELS[p.changePolicy]}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Onboarding questions">
        <p className="mb-3 text-sm text-slate-600">
          Asked on the landing page before activation, in this order. Answers are stored under each question&apos;s key.
        </p>
        {fields.length === 0 ? (
          <EmptyNote>No questions: buyers only confirm their purchase.</EmptyNote>
        ) : (
          <ol className="divide-y divide-slate-100">
            {fields.map((f, i) => (
              <li key={f.id} className="space-y-3 py-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <p className="font-medium text-slate-900">
                      {i + 1}. {f.label} {f.required && <span className="text-xs font-normal text-red-700">(required)</span>}
                    </p>
                    <p className="text-xs text-slate-500">
                      <span className="font-mono">{f.key}</span> · {FIELD_TYPE_LABELS[f.type]}
                      {f.enabledPlanIds ? ` · plans ${f.enabledPlanIds.join(", ")}` : " · every plan"}
                    </p>
                  </div>
                  {owner && <FieldControls fieldId={f.id} label={f.label} first={i === 0} last={i === fields.length - 1} />}
                </div>
                {owner && (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {f.label}</summary>
                    <div className="mt-3">
                      <FieldForm offerId={offer.id} planIds={planIds} field={f} />
                    </div>
                  </details>
                )}
              </li>
            ))}
          </ol>
        )}
        {owner && (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-semibold text-brand-700">Add a question</summary>
            <div className="mt-3">
              <FieldForm offerId={offer.id} planIds={planIds} />
            </div>
          </details>
        )}
      </Card>
    </div>
  );
}
