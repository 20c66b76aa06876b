"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { replayDeliveryAction } from "../actions";

/** Sends the same body again under the same `webhook-id`, so a receiver that kept it can tell. */
export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const [state, action] = useActionState<ActionState<unknown>, FormData>(replayDeliveryAction, null);
  return (
    <div className="space-y-2">
      <form action={action}>
        <input type="hidden" name="deliveryId" value={deliveryId} />
        <SubmitButton label="Replay delivery" pendingLabel="Replaying…" />
      </form>
      <FormMessage state={state} />
    </div>
  );
}
