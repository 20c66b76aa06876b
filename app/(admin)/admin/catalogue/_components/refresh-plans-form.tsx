"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import type { OfferRefresh } from "@/lib/catalogue/refresh-plans";
import { refreshPlansAction } from "../actions";

export function RefreshPlansForm() {
  const [state, action] = useActionState<ActionState<OfferRefresh[]>, FormData>(refreshPlansAction, null);
  const results = state?.ok ? (state.data ?? []) : [];
  return (
    <form action={action} className="space-y-2">
      <SubmitButton label="Refresh plans" pendingLabel="Asking Microsoft…" variant="secondary" />
      <FormMessage state={state} />
      {results.some((r) => r.error) && (
        <ul className="text-sm text-red-800">
          {results
            .filter((r) => r.error)
            .map((r) => (
              <li key={r.offerId}>
                {r.offerId}: {r.error}
                {r.requestId ? ` (request ${r.requestId})` : ""}
              </li>
            ))}
        </ul>
      )}
    </form>
  );
}
