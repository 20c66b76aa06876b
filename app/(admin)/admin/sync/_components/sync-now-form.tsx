"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { startSyncAction } from "../actions";

export function SyncNowForm({ running }: { running: boolean }) {
  const { state, formProps } = useActionForm(startSyncAction);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      {running ? <p className="text-sm text-slate-600">A sync is running.</p> : <SubmitButton label="Sync now" pendingLabel="Starting…" />}
      <FormMessage state={state} />
    </form>
  );
}
