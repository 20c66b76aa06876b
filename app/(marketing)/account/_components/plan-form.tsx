"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { changePlanAction } from "../actions";

export interface PlanFormLabels {
  label: string;
  choose: string;
  submit: string;
  pending: string;
}

/** The plans Microsoft's listAvailablePlans offers this subscription, other than its own. */
export function PlanForm({
  subscriptionId,
  choices,
  labels,
}: {
  subscriptionId: string;
  choices: { planId: string; label: string }[];
  labels: PlanFormLabels;
}) {
  const { state, formProps, fieldError, value } = useActionForm(changePlanAction, { resetOnSuccess: false });
  const error = fieldError("planId");
  const chosen = value("planId", "");
  return (
    <form {...formProps} className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div>
        <label htmlFor="planId" className="block text-sm font-medium text-slate-800">
          {labels.label}
        </label>
        {/* Never remounted: a refused choice stays on screen, even one the list no longer offers, next to its error. */}
        <select
          id="planId"
          name="planId"
          defaultValue={chosen}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "planId-error" : undefined}
          className={inputClass(error)}
        >
          <option value="">{labels.choose}</option>
          {choices.map((c) => (
            <option key={c.planId} value={c.planId}>
              {c.label}
            </option>
          ))}
        </select>
        {error && (
          <p id="planId-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <FormMessage state={state} />
      <SubmitButton label={labels.submit} pendingLabel={labels.pending} />
    </form>
  );
}
