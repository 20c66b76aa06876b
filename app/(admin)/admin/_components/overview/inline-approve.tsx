"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { approveSubscriptionAction } from "../../subscriptions/[id]/actions";

/** Approve (or retry) a pending purchase without leaving the overview; activating starts Microsoft's billing. */
export function InlineApprove({ subscriptionId, name, retry }: { subscriptionId: string; name: string; retry: boolean }) {
  const { state, formProps } = useActionForm(approveSubscriptionAction);
  return (
    <form {...formProps} className="space-y-1">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <SubmitButton
        label={retry ? "Retry activation" : "Approve and activate"}
        pendingLabel="Activating…"
        variant="secondary"
        context={name}
      />
      <FormMessage state={state} />
    </form>
  );
}
