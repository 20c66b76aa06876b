"use client";

import { useActionForm } from "action-form";
import { useEffect, useRef } from "react";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { cancelSubscriptionAction } from "../actions";

/** Cancelling is irreversible at Microsoft, so it takes a reason and a second, explicit confirmation. */
export function CancelDialog({ subscriptionId, name }: { subscriptionId: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { state, formProps, fieldError } = useActionForm(cancelSubscriptionAction);
  const error = fieldError("reason");
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);
  return (
    <div className="space-y-3">
      {state?.ok && <FormMessage state={state} />}
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-red-700 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
      >
        Cancel subscription…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="cancel-title"
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form {...formProps} className="space-y-4 p-6" noValidate>
          <h2 id="cancel-title" className="text-lg font-semibold text-slate-900">
            Cancel {name || "this subscription"}?
          </h2>
          <p className="text-sm text-slate-600">
            Microsoft cancels the subscription for good; it can never be reactivated. Within 72 hours of purchase the customer is not
            charged; after that they are billed and lose access at once.
          </p>
          <input type="hidden" name="subscriptionId" value={subscriptionId} />
          <div>
            <label htmlFor="reason" className="block text-sm font-medium text-slate-700">
              Reason (kept in the audit trail)
            </label>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              required
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "reason-error" : undefined}
              className={inputClass(error)}
            />
            {error && (
              <p id="reason-error" className="mt-1 text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
          {state && !state.ok && <FormMessage state={state} />}
          <div className="flex justify-end gap-3">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Keep subscription
            </button>
            <SubmitButton label="Cancel subscription" pendingLabel="Cancelling…" variant="danger" />
          </div>
        </form>
      </dialog>
    </div>
  );
}
