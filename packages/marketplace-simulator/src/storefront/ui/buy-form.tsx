"use client";

import { useActionForm } from "action-form";
import { describedBy, Field } from "action-form/field";
import { FormMessage } from "action-form/form-message";
import { useState } from "react";
import type { StorefrontAction } from "../forms";
import type { StorefrontData } from "../views";
import { BuyerFields, type Buyer } from "./buyer-fields";
import { inputClass } from "./form-bits";
import { money, PlanPicker, termLabel } from "./plan-picker";

/** The storefront: offer, plan, term, seats and buyer; Buy goes on to the portal's landing page. */
export function BuyForm({ data, buyAction }: { data: StorefrontData; buyAction: StorefrontAction }) {
  // Choices are controlled here, so the form is never reset: a success leaves for the landing page.
  const { state, formProps, pending, fieldError } = useActionForm(buyAction, { resetOnSuccess: false });
  const firstPerson = data.people[0];
  const seed = (p = firstPerson): Buyer =>
    p ? { name: p.displayName, email: p.email, tenantId: p.tenantId } : { name: "", email: "", tenantId: "" };
  const [offerId, setOfferId] = useState(data.offers[0]?.id ?? "");
  const [purchaser, setPurchaser] = useState<Buyer>(seed());
  const [differs, setDiffers] = useState(false);
  const [beneficiary, setBeneficiary] = useState<Buyer>(seed(data.people[2] ?? firstPerson));
  const offer = data.offers.find((o) => o.id === offerId) ?? data.offers[0];
  // Private plans are shown only to their audience: the tenant of whoever will use the subscription.
  const userTenant = (differs ? beneficiary : purchaser).tenantId.toLowerCase();
  const plans = (offer?.plans ?? []).filter((p) => !p.isPrivate || p.allowedTenantIds.includes(userTenant));
  const [planId, setPlanId] = useState(plans[0]?.planId ?? "");
  const plan = plans.find((p) => p.planId === planId) ?? plans[0];
  const [termUnit, setTermUnit] = useState<string>(plan?.terms[0]?.termUnit ?? "P1M");
  const term = plan?.terms.find((t) => t.termUnit === termUnit) ?? plan?.terms[0];
  const err = fieldError;

  if (!offer || !plan) return <p>No offers are available.</p>;
  return (
    <form {...formProps} className="space-y-8" noValidate>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Offer</legend>
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          {data.offers.map((o) => (
            <label
              key={o.id}
              className={`cursor-pointer rounded-lg border bg-white p-4 shadow-sm ${o.id === offer.id ? "border-brand-600 ring-2 ring-brand-600" : "border-slate-200"} has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600`}
            >
              <input
                type="radio"
                name="offerId"
                value={o.id}
                checked={o.id === offer.id}
                onChange={() => {
                  setOfferId(o.id);
                  setPlanId(o.plans[0]?.planId ?? "");
                  setTermUnit(o.plans[0]?.terms[0]?.termUnit ?? "P1M");
                }}
                className="sr-only"
              />
              <span className="block font-medium text-slate-900">{o.displayName}</span>
              <span className="mt-1 block text-sm text-slate-600">{o.description}</span>
              <span className="mt-2 block text-xs font-medium text-slate-500">{o.isPricePerSeat ? "Priced per user" : "Flat rate"}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <PlanPicker
        offer={offer}
        plans={plans}
        value={plan.planId}
        onChange={(id) => {
          setPlanId(id);
          const next = plans.find((p) => p.planId === id);
          if (next && !next.terms.some((t) => t.termUnit === termUnit)) setTermUnit(next.terms[0]?.termUnit ?? "P1M");
        }}
        error={err("planId")}
      />

      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="termUnit" label="Billing term" error={err("termUnit")}>
          <select
            id="termUnit"
            name="termUnit"
            value={term?.termUnit}
            onChange={(e) => setTermUnit(e.target.value)}
            className={inputClass(err("termUnit"))}
          >
            {plan.terms.map((t) => (
              <option key={t.termUnit} value={t.termUnit}>
                {money(t.price, t.currency)} per {termLabel(t.termUnit)}
                {offer.isPricePerSeat ? " per user" : ""}
              </option>
            ))}
          </select>
        </Field>
        {offer.isPricePerSeat && (
          <Field
            id="quantity"
            label="Users"
            error={err("quantity")}
            hint={`${plan.minQuantity ?? 1} to ${plan.maxQuantity ?? "any number of"} users`}
          >
            <input
              id="quantity"
              name="quantity"
              type="number"
              inputMode="numeric"
              min={plan.minQuantity ?? 1}
              max={plan.maxQuantity ?? undefined}
              defaultValue={plan.minQuantity ?? 1}
              key={plan.planId}
              aria-invalid={Boolean(err("quantity"))}
              aria-describedby={describedBy("quantity", err("quantity"), "hint")}
              className={inputClass(err("quantity"))}
            />
          </Field>
        )}
        <Field id="name" label="Subscription name (optional)" error={err("name")}>
          <input id="name" name="name" maxLength={100} placeholder={`${offer.displayName} for …`} className={inputClass(err("name"))} />
        </Field>
      </div>

      <BuyerFields
        prefix="purchaser"
        legend="Purchaser"
        data={data}
        value={purchaser}
        onChange={setPurchaser}
        errors={{ email: err("purchaserEmail"), tenantId: err("purchaserTenantId") }}
      />

      <div className="space-y-4">
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="beneficiaryDiffers"
            checked={differs}
            onChange={(e) => setDiffers(e.target.checked)}
            className="mt-0.5 h-4 w-4 rounded border-slate-300"
          />
          Someone else will use it (the beneficiary differs from the purchaser, as in a CSP or on-behalf purchase)
        </label>
        {differs && (
          <BuyerFields
            prefix="beneficiary"
            legend="Beneficiary"
            data={data}
            value={beneficiary}
            onChange={setBeneficiary}
            errors={{ email: err("beneficiaryEmail"), tenantId: err("beneficiaryTenantId") }}
          />
        )}
      </div>

      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="autoActivate" className="mt-0.5 h-4 w-4 rounded border-slate-300" />
        <span>
          Activate at purchase{" "}
          <span className="text-slate-500">(newer offers: the subscription starts Subscribed and a Subscribe webhook announces it)</span>
        </span>
      </label>

      <div className="flex items-center justify-between gap-4 border-t border-slate-200 pt-6">
        <p className="text-sm text-slate-600">
          {term ? `${money(term.price, term.currency)} per ${termLabel(term.termUnit)}${offer.isPricePerSeat ? " per user" : ""}` : ""}
          {plan.hasFreeTrials ? " after a one-month free trial" : ""}
        </p>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60"
        >
          {pending ? "Buying…" : "Buy and configure account"}
        </button>
      </div>
      <div aria-live="polite">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
