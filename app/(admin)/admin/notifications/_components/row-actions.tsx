"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { removeChannelAction, removeRuleAction, replayNotificationAction, sendTestNotificationAction } from "../actions";

type Action = (prev: unknown, input: FormData) => Promise<ActionState<unknown>>;

function OneButton({
  action,
  field,
  value,
  label,
  pending,
  variant,
}: {
  action: Action;
  field: string;
  value: string;
  label: string;
  pending: string;
  variant?: "secondary" | "danger";
}) {
  const [state, run] = useActionState<ActionState<unknown>, FormData>(action, null);
  return (
    <div className="space-y-1">
      <form action={run}>
        <input type="hidden" name={field} value={value} />
        <SubmitButton label={label} pendingLabel={pending} variant={variant ?? "secondary"} />
      </form>
      <FormMessage state={state} />
    </div>
  );
}

export function ChannelActions({ id, name }: { id: string; name: string }) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <OneButton action={sendTestNotificationAction} field="id" value={id} label={`Send test to ${name}`} pending="Sending…" />
      <OneButton action={removeChannelAction} field="id" value={id} label={`Remove ${name}`} pending="Removing…" variant="danger" />
    </div>
  );
}

export function RemoveRule({ id }: { id: string }) {
  return <OneButton action={removeRuleAction} field="id" value={id} label="Remove rule" pending="Removing…" variant="danger" />;
}

export function ReplayNotification({ deliveryId }: { deliveryId: string }) {
  return <OneButton action={replayNotificationAction} field="deliveryId" value={deliveryId} label="Replay" pending="Replaying…" />;
}
