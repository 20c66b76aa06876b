"use client";

import { useActionForm } from "action-form";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { deleteEndpointAction, sendTestEventAction, setEndpointEnabledAction } from "../actions";

/** Operators may send a test event; owners may also disable, enable and delete. */
export function EndpointControls({ id, url, enabled, canManage }: { id: string; url: string; enabled: boolean; canManage: boolean }) {
  const { state: testState, formProps: testActionForm } = useActionForm(sendTestEventAction);
  const { state: toggleState, formProps: toggleActionForm } = useActionForm(setEndpointEnabledAction);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <form {...testActionForm}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton label="Send test event" pendingLabel="Sending…" variant="secondary" />
        </form>
        {canManage && (
          <form {...toggleActionForm}>
            <input type="hidden" name="id" value={id} />
            {!enabled && <input type="hidden" name="enabled" value="on" />}
            <SubmitButton label={enabled ? "Disable endpoint" : "Enable endpoint"} pendingLabel="Saving…" variant="secondary" />
          </form>
        )}
        {canManage && <DeleteEndpoint id={id} url={url} />}
      </div>
      <FormMessage state={testState} />
      <FormMessage state={toggleState} />
    </div>
  );
}

/** Deleting drops the delivery log with it, so it asks first. */
function DeleteEndpoint({ id, url }: { id: string; url: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const { state, formProps } = useActionForm(deleteEndpointAction);
  useEffect(() => {
    if (state?.ok) router.replace("/admin/outbound");
  }, [state, router]);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-red-700 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
      >
        Delete endpoint…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`delete-${id}-title`}
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form {...formProps} className="space-y-4 p-6">
          <h2 id={`delete-${id}-title`} className="text-lg font-semibold text-slate-900">
            Delete this endpoint?
          </h2>
          <p className="break-all text-sm text-slate-600">
            {url} stops receiving events at once, and its delivery log is deleted. To pause it instead, disable it.
          </p>
          <input type="hidden" name="id" value={id} />
          <FormMessage state={state} />
          <div className="flex justify-end gap-3">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Keep endpoint
            </button>
            <SubmitButton label="Delete endpoint" pendingLabel="Deleting…" variant="danger" />
          </div>
        </form>
      </dialog>
    </>
  );
}
