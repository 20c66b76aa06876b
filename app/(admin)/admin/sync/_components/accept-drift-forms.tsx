"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { acceptAllDriftAction, acceptDriftAction } from "../actions";

export function AcceptDriftForm({ subscriptionId, name }: { subscriptionId: string; name: string }) {
  const { state, formProps } = useActionForm(acceptDriftAction);
  return (
    <form {...formProps} className="space-y-2">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <SubmitButton label="Accept Microsoft's version" pendingLabel="Accepting…" variant="secondary" context={`for ${name}`} />
      <FormMessage state={state} />
    </form>
  );
}

export function AcceptAllDriftForm({ subscriptions }: { subscriptions: number }) {
  const { state, formProps } = useActionForm(acceptAllDriftAction);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="confirm" className="h-4 w-4 rounded border-slate-300" />
        Replace our values with Microsoft&apos;s for all {subscriptions.toLocaleString("en-US")} subscriptions
      </label>
      <SubmitButton label="Accept all" pendingLabel="Accepting…" variant="secondary" />
      <FormMessage state={state} />
    </form>
  );
}
