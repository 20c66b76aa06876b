"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { replayInboxAction } from "../actions";

/** `call` names the webhook call for screen readers: the button is repeated on every failed row. */
export function ReplayForm({ inboxId, call }: { inboxId: string; call: string }) {
  const { state, formProps } = useActionForm(replayInboxAction);
  return (
    <form {...formProps} className="space-y-1">
      <input type="hidden" name="inboxId" value={inboxId} />
      <SubmitButton label="Replay" pendingLabel="Queuing…" variant="secondary" context={call} />
      <FormMessage state={state} />
    </form>
  );
}
