"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { replayDeliveryAction } from "../actions";

/** Sends the same body again under the same `webhook-id`, so a receiver that kept it can tell. */
export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const { state, formProps } = useActionForm(replayDeliveryAction);
  return (
    <div className="space-y-2">
      <form {...formProps}>
        <input type="hidden" name="deliveryId" value={deliveryId} />
        <SubmitButton label="Replay delivery" pendingLabel="Replaying…" />
      </form>
      <FormMessage state={state} />
    </div>
  );
}
