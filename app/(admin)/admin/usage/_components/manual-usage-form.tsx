"use client";

import { useActionForm } from "action-form";
import { Field } from "action-form/field";
import { useState } from "react";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { postUsageAction, type UsagePreview } from "../actions";

export interface DimensionOption {
  id: string;
  displayName: string;
  unitOfMeasure: string;
}

type State = ActionState<{ preview: UsagePreview }>;

const hourLabel = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * Posting usage by hand bills the customer, so it takes two steps: the first checks the input and
 * shows exactly what will be sent; only the second, with the preview's ID, sends it.
 */
export function ManualUsageForm({
  subscriptionId,
  dimensions,
  defaultHour,
}: {
  subscriptionId: string;
  dimensions: DimensionOption[];
  defaultHour: string;
}) {
  // React resets a form after its action; what was typed becomes the default so it survives a refusal.
  const [values, setValues] = useState({ dimension: dimensions[0]?.id ?? "", quantity: "", hour: defaultHour });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const { state, formProps, fieldError } = useActionForm<NonNullable<State>>((prev, form) => {
    if (form.get("confirm") !== "yes")
      setValues({
        dimension: String(form.get("dimension") ?? ""),
        quantity: String(form.get("quantity") ?? ""),
        hour: String(form.get("hour") ?? ""),
      });
    return postUsageAction(prev, form);
  });
  const preview = state?.ok && state.data?.preview && state.data.preview.id !== dismissed ? state.data.preview : null;

  if (preview) {
    return (
      <form {...formProps} className="space-y-3" aria-labelledby="usage-confirm-title">
        <h3 id="usage-confirm-title" className="text-sm font-semibold text-slate-900">
          Send this usage to Microsoft?
        </h3>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md bg-amber-50 px-4 py-3 text-sm ring-1 ring-amber-200">
          <dt className="text-slate-600">Dimension</dt>
          <dd className="font-medium text-slate-900">
            {preview.dimensionName} <span className="font-mono text-xs text-slate-500">({preview.dimension})</span>
          </dd>
          <dt className="text-slate-600">Quantity</dt>
          <dd className="font-medium tabular-nums text-slate-900">{preview.quantity}</dd>
          <dt className="text-slate-600">Hour</dt>
          <dd className="font-medium text-slate-900">{hourLabel(preview.timestamp)}</dd>
        </dl>
        <p className="text-xs text-slate-600">
          Usage above the plan&apos;s included quantity is billed to the customer once the hour closes.
        </p>
        <input type="hidden" name="subscriptionId" value={subscriptionId} />
        <input type="hidden" name="dimension" value={preview.dimension} />
        <input type="hidden" name="quantity" value={preview.quantity} />
        <input type="hidden" name="hour" value={preview.timestamp.slice(0, 19)} />
        <input type="hidden" name="id" value={preview.id} />
        <input type="hidden" name="confirm" value="yes" />
        <div className="flex gap-3">
          <SubmitButton label="Post usage" pendingLabel="Posting…" />
          <button
            type="button"
            onClick={() => setDismissed(preview.id)}
            className="rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Change
          </button>
        </div>
      </form>
    );
  }

  const errors = { dimension: fieldError("dimension"), quantity: fieldError("quantity"), hour: fieldError("hour") };
  return (
    <form {...formProps} aria-label="Post usage" className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="usage-dimension" label="Dimension" error={errors.dimension}>
          <select
            id="usage-dimension"
            name="dimension"
            key={`d${values.dimension}`}
            defaultValue={values.dimension}
            aria-invalid={Boolean(errors.dimension)}
            aria-describedby={errors.dimension ? "usage-dimension-error" : undefined}
            className={inputClass(errors.dimension)}
          >
            {dimensions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.displayName} ({d.id})
              </option>
            ))}
          </select>
        </Field>
        <Field id="usage-quantity" label="Quantity" error={errors.quantity}>
          <input
            id="usage-quantity"
            name="quantity"
            type="number"
            inputMode="decimal"
            min="0"
            step="any"
            key={`q${values.quantity}`}
            defaultValue={values.quantity}
            aria-invalid={Boolean(errors.quantity)}
            aria-describedby={errors.quantity ? "usage-quantity-error" : undefined}
            className={inputClass(errors.quantity)}
          />
        </Field>
        <Field id="usage-hour" label="Hour (UTC)" error={errors.hour}>
          <input
            id="usage-hour"
            name="hour"
            type="datetime-local"
            step="3600"
            key={`h${values.hour}`}
            defaultValue={values.hour}
            aria-invalid={Boolean(errors.hour)}
            aria-describedby={errors.hour ? "usage-hour-error" : "usage-hour-help"}
            className={inputClass(errors.hour)}
          />
        </Field>
      </div>
      {!errors.hour && (
        <p id="usage-hour-help" className="text-xs text-slate-500">
          Microsoft accepts usage for the last 24 hours only.
        </p>
      )}
      {state && !(state.ok && state.data?.preview) && <FormMessage state={state} />}
      <SubmitButton label="Review usage" pendingLabel="Checking…" variant="secondary" />
    </form>
  );
}
