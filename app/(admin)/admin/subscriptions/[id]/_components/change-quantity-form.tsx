"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { changeQuantityAction } from "../actions";
import { ApprovalCheckbox } from "./change-plan-form";

export function ChangeQuantityForm({
  subscriptionId,
  current,
  min,
  max,
}: {
  subscriptionId: string;
  current: number | null;
  min?: number;
  max?: number;
}) {
  const { state, formProps, fieldError, value } = useActionForm(changeQuantityAction);
  const error = fieldError("quantity");
  const range = `${min ?? 1} to ${max ?? "any number of"} seats on this plan`;
  return (
    <form {...formProps} className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div>
        <label htmlFor="quantity" className="block text-sm font-medium text-slate-700">
          Seats
        </label>
        <input
          id="quantity"
          name="quantity"
          type="number"
          inputMode="numeric"
          min={min ?? 1}
          max={max}
          defaultValue={value("quantity", current === null ? "" : String(current))}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "quantity-error" : "quantity-help"}
          className={inputClass(error)}
        />
        {error ? (
          <p id="quantity-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : (
          <p id="quantity-help" className="mt-1 text-xs text-slate-500">
            Currently {current ?? "—"}; {range}.
          </p>
        )}
      </div>
      <ApprovalCheckbox id="quantity-approved" error={fieldError("customerApproved")} />
      <FormMessage state={state} />
      <SubmitButton label="Request quantity change" pendingLabel="Requesting…" />
    </form>
  );
}
