"use client";

import { describedBy, Field } from "action-form/field";
import { useState } from "react";
import type { StorefrontData } from "../views";
import { inputClass } from "./form-bits";

export interface Buyer {
  name: string;
  email: string;
  tenantId: string;
}

const OTHER = "other";

/** Pick a seeded person or type one; `prefix` names the form fields (purchaser / beneficiary). */
export function BuyerFields({
  prefix,
  legend,
  data,
  value,
  onChange,
  errors,
}: {
  prefix: "purchaser" | "beneficiary";
  legend: string;
  data: Pick<StorefrontData, "people" | "tenants">;
  value: Buyer;
  onChange: (buyer: Buyer) => void;
  errors: { email?: string; tenantId?: string };
}) {
  const match = data.people.find((p) => p.email === value.email && p.tenantId === value.tenantId);
  const [choice, setChoice] = useState(match?.email ?? OTHER);
  const tenantName = (id: string) => data.tenants.find((t) => t.id === id)?.displayName;

  function choose(email: string) {
    setChoice(email);
    const person = data.people.find((p) => p.email === email);
    onChange(person ? { name: person.displayName, email: person.email, tenantId: person.tenantId } : { name: "", email: "", tenantId: "" });
  }

  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <Field id={`${prefix}-choice`} label="Account">
        <select id={`${prefix}-choice`} value={choice} onChange={(e) => choose(e.target.value)} className={inputClass()}>
          {data.people.map((p) => (
            <option key={p.email} value={p.email}>
              {p.displayName} · {p.email} ({tenantName(p.tenantId)})
            </option>
          ))}
          <option value={OTHER}>Someone else…</option>
        </select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={`${prefix}Name`} label="Name">
          <input
            id={`${prefix}Name`}
            name={`${prefix}Name`}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
            readOnly={choice !== OTHER}
            className={inputClass()}
          />
        </Field>
        <Field id={`${prefix}Email`} label="E-mail" error={errors.email}>
          <input
            id={`${prefix}Email`}
            name={`${prefix}Email`}
            type="email"
            value={value.email}
            onChange={(e) => onChange({ ...value, email: e.target.value })}
            readOnly={choice !== OTHER}
            aria-invalid={Boolean(errors.email)}
            aria-describedby={describedBy(`${prefix}Email`, errors.email)}
            className={inputClass(errors.email)}
          />
        </Field>
        <Field id={`${prefix}TenantId`} label="Entra tenant ID" error={errors.tenantId}>
          <input
            id={`${prefix}TenantId`}
            name={`${prefix}TenantId`}
            value={value.tenantId}
            onChange={(e) => onChange({ ...value, tenantId: e.target.value })}
            readOnly={choice !== OTHER}
            spellCheck={false}
            aria-invalid={Boolean(errors.tenantId)}
            aria-describedby={describedBy(`${prefix}TenantId`, errors.tenantId)}
            className={`${inputClass(errors.tenantId)} font-mono text-xs`}
          />
        </Field>
      </div>
    </fieldset>
  );
}
