"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { startSyncAction } from "../actions";

export function SyncNowForm({ running }: { running: boolean }) {
  const [state, action] = useActionState<ActionState<unknown>, FormData>(startSyncAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      {running ? <p className="text-sm text-slate-600">A sync is running.</p> : <SubmitButton label="Sync now" pendingLabel="Starting…" />}
      <FormMessage state={state} />
    </form>
  );
}
