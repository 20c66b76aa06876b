"use client";

import { useActionForm } from "action-form";
import { useEffect, useRef } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { revokeApiKeyAction } from "../actions";

/** Revoking cannot be undone, so it asks first. */
export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { state, formProps } = useActionForm(revokeApiKeyAction);
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md bg-white px-2.5 py-1 text-sm font-semibold text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
      >
        Revoke<span className="sr-only"> {name}</span>…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`revoke-${id}-title`}
        className="m-auto w-full max-w-lg rounded-xl p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <form {...formProps} className="space-y-4 p-6">
          <h2 id={`revoke-${id}-title`} className="text-lg font-semibold text-slate-900">
            Revoke “{name}”?
          </h2>
          <p className="text-sm text-slate-600">
            Every call with this key is refused from now on. This cannot be undone; the systems using it need a new key.
          </p>
          <input type="hidden" name="id" value={id} />
          <FormMessage state={state && !state.ok ? state : null} />
          <div className="flex justify-end gap-3">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Keep key
            </button>
            <SubmitButton label="Revoke key" pendingLabel="Revoking…" variant="danger" />
          </div>
        </form>
      </dialog>
    </>
  );
}
