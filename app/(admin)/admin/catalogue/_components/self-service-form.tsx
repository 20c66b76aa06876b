"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { SelfServiceSettings } from "@/db/queries/self-service";
import { updateSelfServiceAction } from "../actions";

const CHOICES: { name: keyof SelfServiceSettings; label: string }[] = [
  { name: "changeSeats", label: "Buyers may change the number of seats" },
  { name: "changePlan", label: "Buyers may change the plan" },
  { name: "cancel", label: "Buyers may cancel" },
];

/** Per-offer switches for the buyer's own changes on /account. */
export function SelfServiceForm({ offerId, settings }: { offerId: string; settings: SelfServiceSettings }) {
  const { state, formProps, checked } = useActionForm(updateSelfServiceAction, { resetOnSuccess: false });
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="offerId" value={offerId} />
      <fieldset className="space-y-2">
        <legend className="sr-only">Self-service on the buyer&apos;s account page</legend>
        {CHOICES.map((c) => (
          <label key={c.name} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name={c.name}
              defaultChecked={checked(c.name, "on", settings[c.name])}
              className="h-4 w-4 rounded border-slate-300"
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton label="Save self-service" pendingLabel="Saving…" />
        <FormMessage state={state} />
      </div>
    </form>
  );
}
