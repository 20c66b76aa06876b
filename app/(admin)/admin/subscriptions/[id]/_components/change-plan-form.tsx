"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { changePlanAction } from "../actions";

export interface PlanChoice {
  planId: string;
  label: string;
}

export function ChangePlanForm({ subscriptionId, choices }: { subscriptionId: string; choices: PlanChoice[] }) {
  const { state, formProps, fieldError, value } = useActionForm(changePlanAction);
  const planError = fieldError("planId");
  const approvalError = fieldError("customerApproved");
  return (
    <form {...formProps} className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div>
        <label htmlFor="planId" className="block text-sm font-medium text-slate-700">
          New plan
        </label>
        <select
          id="planId"
          name="planId"
          defaultValue={value("planId", "")}
          aria-invalid={Boolean(planError)}
          aria-describedby={planError ? "planId-error" : undefined}
          className={inputClass(planError)}
        >
          <option value="" disabled>
            Choose a plan…
          </option>
          {choices.map((c) => (
            <option key={c.planId} value={c.planId}>
              {c.label}
            </option>
          ))}
        </select>
        {planError && (
          <p id="planId-error" className="mt-1 text-sm text-red-700">
            {planError}
          </p>
        )}
      </div>
      <ApprovalCheckbox id="plan-approved" error={approvalError} />
      <FormMessage state={state} />
      <SubmitButton label="Request plan change" pendingLabel="Requesting…" />
    </form>
  );
}

/** Microsoft lets the publisher change a subscription only after the customer explicitly approved it. */
export function ApprovalCheckbox({ id, error }: { id: string; error?: string }) {
  return (
    <div>
      <label htmlFor={id} className="flex items-start gap-2 text-sm text-slate-700">
        <input
          id={id}
          type="checkbox"
          name="customerApproved"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        The customer has approved this change.
      </label>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
