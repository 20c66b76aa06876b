"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { moveFieldAction, removeFieldAction } from "../actions";

const button =
  "rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-40";

/** Move and remove: separate small forms, so each works without JavaScript too. */
export function FieldControls({ fieldId, label, first, last }: { fieldId: string; label: string; first: boolean; last: boolean }) {
  const { state: moveState, formProps: moveForm } = useActionForm(moveFieldAction);
  const { state: removeState, formProps: removeForm } = useActionForm(removeFieldAction);
  const state = removeState ?? moveState;
  return (
    <div className="space-y-1">
      <div className="flex gap-1">
        <form {...moveForm}>
          <input type="hidden" name="fieldId" value={fieldId} />
          <input type="hidden" name="direction" value="up" />
          <button type="submit" disabled={first} aria-label={`Move ${label} up`} className={button}>
            ↑
          </button>
        </form>
        <form {...moveForm}>
          <input type="hidden" name="fieldId" value={fieldId} />
          <input type="hidden" name="direction" value="down" />
          <button type="submit" disabled={last} aria-label={`Move ${label} down`} className={button}>
            ↓
          </button>
        </form>
        <form {...removeForm}>
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
