"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { replayInboxAction } from "../actions";

export function ReplayForm({ inboxId, label }: { inboxId: string; label: string }) {
  const { state, formProps } = useActionForm(replayInboxAction);
  return (
    <form {...formProps} aria-label={label} className="space-y-1">
      <input type="hidden" name="inboxId" value={inboxId} />
      <SubmitButton label="Replay" pendingLabel="Queuing…" variant="secondary" />
      <FormMessage state={state} />
    </form>
  );
}
