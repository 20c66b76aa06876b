"use client";

import { useActionState, useState } from "react";
import { fieldError, FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { changePlanAction } from "../actions";

export interface PlanChoice {
  planId: string;
  label: string;
}

export function ChangePlanForm({ subscriptionId, choices }: { subscriptionId: string; choices: PlanChoice[] }) {
  // React resets a form after its action, controlled fields included; the last choice is kept
  // and becomes the select's default so a refused submission does not lose it.
  const [planId, setPlanId] = useState("");
  const [state, action] = useActionState<ActionState<unknown>, FormData>((prev, form) => {
    setPlanId(String(form.get("planId") ?? ""));
    return changePlanAction(prev, form);
  }, null);
  const planError = fieldError(state, "planId");
  const approvalError = fieldError(state, "customerApproved");
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div>
        <label htmlFor="planId" className="block text-sm font-medium text-slate-700">
          New plan
        </label>
        <select
          key={planId}
          id="planId"
          name="planId"
          defaultValue={planId}
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
