"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { refreshPlansAction } from "../actions";

export function RefreshPlansForm() {
  const { state, formProps } = useActionForm(refreshPlansAction);
  const results = state?.ok ? (state.data ?? []) : [];
  return (
    <form {...formProps} className="space-y-2">
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
