"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { replayInboxAction } from "../actions";

export function ReplayForm({ inboxId, label }: { inboxId: string; label: string }) {
  const [state, action] = useActionState<ActionState<unknown>, FormData>(replayInboxAction, null);
  return (
    <form action={action} aria-label={label} className="space-y-1">
      <input type="hidden" name="inboxId" value={inboxId} />
      <SubmitButton label="Replay" pendingLabel="Queuing…" variant="secondary" />
      <FormMessage state={state} />
    </form>
  );
}
