"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { ACTIVATION_MODE_LABELS, CHANGE_POLICY_LABELS, type ActivationModeValue, type ChangePolicyValue } from "@/lib/catalogue/labels";
import { updatePlanAction } from "../actions";

const select = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

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
  const { state, formProps } = useActionForm(updatePlanAction);
  return (
    <form {...formProps} className="grid gap-2" aria-label={`Settings of plan ${planId}`}>
      <input type="hidden" name="offerId" value={offerId} />
      <input type="hidden" name="planId" value={planId} />
      <label className="text-xs font-medium text-slate-700">
        Activation
        <select name="activationMode" defaultValue={activationMode} className={select}>
          {Object.entries(ACTIVATION_MODE_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-700">
        Customer-started changes
        <select name="changePolicy" defaultValue={changePolicy} className={select}>
          {Object.entries(CHANGE_POLICY_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-center gap-2">
        <SubmitButton label="Save" pendingLabel="Saving…" variant="secondary" />
        <FormMessage state={state} />
      </div>
    </form>
  );
}
