"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { SYNC_INTERVAL_CHOICES } from "@/lib/sync/interval-choices";
import { updateSyncIntervalAction } from "../actions";

export function SyncIntervalForm({ intervalMinutes }: { intervalMinutes: number }) {
  const { state, formProps, fieldError } = useActionForm(updateSyncIntervalAction, { resetOnSuccess: false });
  const error = fieldError("intervalMinutes");
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="intervalMinutes" className="block text-sm font-medium text-slate-700">
          Scheduled sync
        </label>
        <select
          id="intervalMinutes"
          name="intervalMinutes"
          defaultValue={String(intervalMinutes)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "intervalMinutes-error" : undefined}
          className={inputClass(error)}
        >
          {SYNC_INTERVAL_CHOICES.map((c) => (
            <option key={c.minutes} value={c.minutes}>
              {c.label}
            </option>
          ))}
        </select>
        {error && (
          <p id="intervalMinutes-error" className="mt-1 text-sm text-red-700">
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
