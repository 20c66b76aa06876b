"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { ACTIVATION_MODE_LABELS, CHANGE_POLICY_LABELS, type ActivationModeValue, type ChangePolicyValue } from "@/lib/catalogue/labels";
import { updatePlanAction } from "../actions";

const select = (error?: string) =>
  `mt-1 block w-full rounded-md border px-2 py-1.5 text-sm ${error ? "border-red-400" : "border-slate-300"}`;

export function PlanSettingsForm({
  offerId,
  planId,
  activationMode,
  changePolicy,
}: {
  offerId: string;
  planId: string;
  activationMode: ActivationModeValue;
  changePolicy: ChangePolicyValue;
}) {
  const { state, formProps, fieldError } = useActionForm(updatePlanAction, { resetOnSuccess: false });
  const choice = (name: "activationMode" | "changePolicy", label: string, value: string, labels: Record<string, string>) => {
    const error = fieldError(name);
    const errorId = `${name}-${planId}-error`;
    return (
      <div>
        <label className="block text-xs font-medium text-slate-700">
          {label}
          <select
            name={name}
            defaultValue={value}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? errorId : undefined}
            className={select(error)}
          >
            {Object.entries(labels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p id={errorId} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  };
  return (
    <form {...formProps} className="grid gap-2" aria-label={`Settings of plan ${planId}`}>
      <input type="hidden" name="offerId" value={offerId} />
      <input type="hidden" name="planId" value={planId} />
      {choice("activationMode", "Activation", activationMode, ACTIVATION_MODE_LABELS)}
      {choice("changePolicy", "Customer-started changes", changePolicy, CHANGE_POLICY_LABELS)}
      <div className="flex items-center gap-2">
        <SubmitButton label="Save" pendingLabel="Saving…" variant="secondary" />
        <FormMessage state={state} />
      </div>
    </form>
  );
}
