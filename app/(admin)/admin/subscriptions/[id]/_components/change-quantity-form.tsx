"use client";

import { useActionState, useState } from "react";
import { fieldError, FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
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
  // React resets a form after its action; the last value becomes the default so it survives.
  const [quantity, setQuantity] = useState(current === null ? "" : String(current));
  const [state, action] = useActionState<ActionState<unknown>, FormData>((prev, form) => {
    setQuantity(String(form.get("quantity") ?? ""));
    return changeQuantityAction(prev, form);
  }, null);
  const error = fieldError(state, "quantity");
  const range = `${min ?? 1} to ${max ?? "any number of"} seats on this plan`;
  return (
    <form action={action} className="space-y-3" noValidate>
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
          key={quantity}
          defaultValue={quantity}
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
      <ApprovalCheckbox id="quantity-approved" error={fieldError(state, "customerApproved")} />
      <FormMessage state={state} />
      <SubmitButton label="Request quantity change" pendingLabel="Requesting…" />
    </form>
  );
}
