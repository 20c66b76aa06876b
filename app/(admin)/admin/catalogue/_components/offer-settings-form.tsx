"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { updateOfferAction } from "../actions";

export interface OfferSettingsValues {
  offerId: string;
  displayName: string;
  description: string | null;
  handoffUrl: string | null;
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

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
          className={inputClass(err("displayName"))}
        />
      </Field>
      <Field id="description" label="Description" error={err("description")}>
        <textarea
          id="description"
          name="description"
          rows={3}
          defaultValue={offer.description ?? ""}
          className={inputClass(err("description"))}
        />
      </Field>
      <Field
        id="handoffUrl"
        label="Hand-off URL"
        error={err("handoffUrl")}
        hint="Where buyers go after activation, with a signed token. https only; leave empty for the portal's own welcome page."
      >
        <input
          id="handoffUrl"
          name="handoffUrl"
          type="url"
          defaultValue={offer.handoffUrl ?? ""}
          placeholder="https://app.example.com/start"
          aria-invalid={Boolean(err("handoffUrl"))}
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
