"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { changeSeatsAction } from "../actions";

export interface SeatsFormLabels {
  label: string;
  help: string;
  submit: string;
  pending: string;
}

/** The seat count, within the plan's range; a refused value stays in the field next to its error. */
export function SeatsForm({
  subscriptionId,
  current,
  min,
  max,
  labels,
}: {
  subscriptionId: string;
  current: number;
  min: number;
  max?: number;
  labels: SeatsFormLabels;
}) {
  const { state, formProps, fieldError, value } = useActionForm(changeSeatsAction, { resetOnSuccess: false });
  const error = fieldError("quantity");
  return (
    <form {...formProps} className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div>
        <label htmlFor="quantity" className="block text-sm font-medium text-slate-800">
          {labels.label}
        </label>
        <input
          id="quantity"
          name="quantity"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          defaultValue={value("quantity", String(current))}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "quantity-error" : "quantity-help"}
          className={`${inputClass(error)} max-w-40`}
        />
        {error ? (
          <p id="quantity-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : (
          <p id="quantity-help" className="mt-1 text-xs text-slate-600">
            {labels.help}
          </p>
        )}
      </div>
      <FormMessage state={state} />
      <SubmitButton label={labels.submit} pendingLabel={labels.pending} />
    </form>
  );
}
