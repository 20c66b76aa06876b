"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { cancelSubscriptionAction } from "../actions";

export interface CancelFormLabels {
  open: string;
  warning: string;
  reason: string;
  confirm: string;
  submit: string;
  pending: string;
}

/**
 * Cancelling cannot be undone at Microsoft, so it takes two steps: open the form, then tick the
 * confirmation before submitting. A disclosure rather than a dialog, so it works without JavaScript.
 */
export function CancelForm({ subscriptionId, labels }: { subscriptionId: string; labels: CancelFormLabels }) {
  const { state, formProps, fieldError, value, checked } = useActionForm(cancelSubscriptionAction, { resetOnSuccess: false });
  const error = fieldError("confirm");
  return (
    <details className="group" open={Boolean(state)}>
      <summary className="inline-flex cursor-pointer list-none rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-red-700 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700">
        {labels.open}
      </summary>
      <form {...formProps} className="mt-4 space-y-4" noValidate>
        <p className="text-sm text-slate-700">{labels.warning}</p>
        <input type="hidden" name="subscriptionId" value={subscriptionId} />
        <div>
          <label htmlFor="cancel-reason" className="block text-sm font-medium text-slate-800">
            {labels.reason}
          </label>
          <textarea id="cancel-reason" name="reason" rows={2} maxLength={500} defaultValue={value("reason", "")} className={inputClass()} />
        </div>
        <div>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="confirm"
              defaultChecked={checked("confirm", "on", false)}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "cancel-confirm-error" : undefined}
              className="mt-0.5 h-4 w-4 rounded border-slate-300"
            />
            <span>{labels.confirm}</span>
          </label>
          {error && (
            <p id="cancel-confirm-error" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
        <FormMessage state={state} />
        <SubmitButton label={labels.submit} pendingLabel={labels.pending} variant="danger" />
      </form>
    </details>
  );
}
