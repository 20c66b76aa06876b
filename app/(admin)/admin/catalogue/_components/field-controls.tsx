"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import type { ActionState } from "@/lib/actions/result";
import { moveFieldAction, removeFieldAction } from "../actions";

const button =
  "rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-40";

/** Move and remove: separate small forms, so each works without JavaScript too. */
export function FieldControls({ fieldId, label, first, last }: { fieldId: string; label: string; first: boolean; last: boolean }) {
  const [moveState, move] = useActionState<ActionState<unknown>, FormData>(moveFieldAction, null);
  const [removeState, remove] = useActionState<ActionState<unknown>, FormData>(removeFieldAction, null);
  const state = removeState ?? moveState;
  return (
    <div className="space-y-1">
      <div className="flex gap-1">
        <form action={move}>
          <input type="hidden" name="fieldId" value={fieldId} />
          <input type="hidden" name="direction" value="up" />
          <button type="submit" disabled={first} aria-label={`Move ${label} up`} className={button}>
            ↑
          </button>
        </form>
        <form action={move}>
          <input type="hidden" name="fieldId" value={fieldId} />
          <input type="hidden" name="direction" value="down" />
          <button type="submit" disabled={last} aria-label={`Move ${label} down`} className={button}>
            ↓
          </button>
        </form>
        <form action={remove}>
          <input type="hidden" name="fieldId" value={fieldId} />
          <button
            type="submit"
            aria-label={`Remove ${label}`}
            className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
          >
            Remove
          </button>
        </form>
      </div>
      {state && !state.ok && <FormMessage state={state} />}
    </div>
  );
}
