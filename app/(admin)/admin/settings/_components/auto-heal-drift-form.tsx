"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { updateAutoHealDriftAction } from "../actions";

export function AutoHealDriftForm({ autoHealDrift }: { autoHealDrift: boolean }) {
  const { state, formProps, fieldError } = useActionForm(updateAutoHealDriftAction, { resetOnSuccess: false });
  const error = fieldError("autoHealDrift");
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="autoHealDrift" className="block text-sm font-medium text-slate-700">
          Drift in Microsoft-owned fields
        </label>
        <select
          id="autoHealDrift"
          name="autoHealDrift"
          defaultValue={autoHealDrift ? "on" : "off"}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "autoHealDrift-error" : undefined}
          className={inputClass(error)}
        >
          <option value="on">Apply Microsoft&apos;s version automatically</option>
          <option value="off">Leave it for staff to review</option>
        </select>
        {error && (
          <p id="autoHealDrift-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <SubmitButton label="Save" pendingLabel="Saving…" />
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
