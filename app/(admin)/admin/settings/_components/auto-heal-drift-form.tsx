"use client";

import { useActionState } from "react";
import { fieldError, FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { updateAutoHealDriftAction } from "../actions";

export function AutoHealDriftForm({ autoHealDrift }: { autoHealDrift: boolean }) {
  const [state, action] = useActionState<ActionState<unknown>, FormData>(updateAutoHealDriftAction, null);
  const error = fieldError(state, "autoHealDrift");
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="autoHealDrift" className="block text-sm font-medium text-slate-700">
          Drift in Microsoft-owned fields
        </label>
        <select
          id="autoHealDrift"
          name="autoHealDrift"
          defaultValue={autoHealDrift ? "on" : "off"}
          aria-invalid={Boolean(error)}
          className={inputClass(error)}
        >
          <option value="on">Apply Microsoft&apos;s version automatically</option>
          <option value="off">Leave it for staff to review</option>
        </select>
      </div>
      <SubmitButton label="Save" pendingLabel="Saving…" />
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
