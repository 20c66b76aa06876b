"use client";

import { FormMessage } from "action-form/form-message";
import { useActionState } from "react";
import type { StorefrontResult } from "../forms";

export function ResetButton({
  resetAction,
}: {
  resetAction: (prev: StorefrontResult<unknown> | null) => Promise<StorefrontResult<unknown>>;
}) {
  const [state, action, pending] = useActionState<StorefrontResult<unknown> | null>(resetAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm("Delete every simulated subscription, operation, usage event and webhook delivery?")) e.preventDefault();
      }}
      className="flex items-center gap-3"
    >
      <div aria-live="polite">
        <FormMessage state={state} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-50"
      >
        {pending ? "Resetting…" : "Reset simulator"}
      </button>
    </form>
  );
}
