"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { approveSubscriptionAction } from "../actions";

/** Activation starts Microsoft's billing, which is why a staff-approved plan waits for this button. */
export function ApproveForm({ subscriptionId, retry }: { subscriptionId: string; retry: boolean }) {
  const { state, formProps } = useActionForm(approveSubscriptionAction);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <p className="text-sm text-slate-600">
        {retry
          ? "The last activation failed. Retrying calls Microsoft's activate again."
          : "The buyer confirmed this purchase; it waits for staff approval."}{" "}
        Activating starts billing.
      </p>
      <FormMessage state={state} />
      <SubmitButton label={retry ? "Retry activation" : "Approve and activate"} pendingLabel="Activating…" />
    </form>
  );
}
