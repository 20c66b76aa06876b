"use client";

import { useActionForm } from "action-form";
import { describedBy, Field } from "action-form/field";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { updateOfferAction } from "../actions";

export interface OfferSettingsValues {
  offerId: string;
  displayName: string;
  description: string | null;
  handoffUrl: string | null;
}

const HANDOFF_HINT = "Where buyers go after activation, with a signed token. https only; leave empty for the portal's own welcome page.";

export function OfferSettingsForm({ offer }: { offer: OfferSettingsValues }) {
  const { state, formProps, fieldError } = useActionForm(updateOfferAction, { resetOnSuccess: false });
  const err = (f: string) => fieldError(f);
  return (
    <form {...formProps} className="grid gap-4" noValidate>
      <input type="hidden" name="offerId" value={offer.offerId} />
      <Field id="displayName" label="Display name" error={err("displayName")}>
        <input
          id="displayName"
          name="displayName"
          defaultValue={offer.displayName}
          aria-invalid={Boolean(err("displayName"))}
          aria-describedby={describedBy("displayName", err("displayName"))}
          className={inputClass(err("displayName"))}
        />
      </Field>
      <Field id="description" label="Description" error={err("description")}>
        <textarea
          id="description"
          name="description"
          rows={3}
          defaultValue={offer.description ?? ""}
          aria-invalid={Boolean(err("description"))}
          aria-describedby={describedBy("description", err("description"))}
          className={inputClass(err("description"))}
        />
      </Field>
      <Field id="handoffUrl" label="Hand-off URL" error={err("handoffUrl")} hint={HANDOFF_HINT}>
        <input
          id="handoffUrl"
          name="handoffUrl"
          type="url"
          defaultValue={offer.handoffUrl ?? ""}
          placeholder="https://app.example.com/start"
          aria-invalid={Boolean(err("handoffUrl"))}
          aria-describedby={describedBy("handoffUrl", err("handoffUrl"), HANDOFF_HINT)}
          className={inputClass(err("handoffUrl"))}
        />
      </Field>
      <div className="flex items-center gap-3">
        <SubmitButton label="Save offer" pendingLabel="Saving…" />
        <FormMessage state={state} />
      </div>
    </form>
  );
}
