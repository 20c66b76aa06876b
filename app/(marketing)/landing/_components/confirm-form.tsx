"use client";

import { useActionForm } from "action-form";
import { useFormStatus } from "react-dom";
import type { OnboardingField } from "@/db/schema";
import { confirmPurchaseAction } from "../actions";

type Field = Pick<OnboardingField, "key" | "label" | "type" | "required" | "min" | "max" | "options" | "helpText">;

const INPUT_TYPES: Record<string, string> = { text: "text", number: "number", date: "date", email: "email", url: "url" };

/** The form's own words, in the buyer's language (the questions' labels are the publisher's). */
export interface ConfirmFormLabels {
  choose: string;
  submit: string;
  pending: string;
}

export function ConfirmForm({ token, fields, labels }: { token: string; fields: Field[]; labels: ConfirmFormLabels }) {
  // A refused submit keeps every answer and hides an error once its field is edited (packages/action-form);
  // without JavaScript the page comes back rendered with the answers the action echoes.
  const { state, formProps, fieldError, value } = useActionForm(confirmPurchaseAction, { resetOnSuccess: false });
  return (
    <form {...formProps} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      {fields.map((f) => {
        const id = `field-${f.key}`;
        const name = `field:${f.key}`;
        const error = fieldError(name);
        return (
          <div key={f.key}>
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {f.label}
              {/* The input's `required` says it to assistive technology; the star is for the eye. */}
              {f.required && (
                <span aria-hidden="true" className="text-red-700">
                  {" "}
                  *
                </span>
              )}
            </label>
            {f.type === "choice" ? (
              <select
                id={id}
                name={name}
                required={f.required}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : undefined}
                className={inputClass(error)}
                defaultValue={value(name, "")}
              >
                <option value="">{labels.choose}</option>
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                name={name}
                type={INPUT_TYPES[f.type] ?? "text"}
                required={f.required}
                min={f.type === "number" ? (f.min ?? undefined) : undefined}
                max={f.type === "number" ? (f.max ?? undefined) : undefined}
                defaultValue={value(name, "")}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : f.helpText ? `${id}-help` : undefined}
                className={inputClass(error)}
              />
            )}
            {f.helpText && !error && (
              <p id={`${id}-help`} className="mt-1 text-xs text-slate-500">
                {f.helpText}
              </p>
            )}
            {error && (
              <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {state && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.error}
        </p>
      )}
      <SubmitButton label={labels.submit} pending={labels.pending} />
    </form>
  );
}

function SubmitButton({ label, pending: pendingLabel }: { label: string; pending: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="inline-flex items-center rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-on-brand shadow-sm hover:bg-brand-hover disabled:cursor-wait disabled:opacity-70 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

function inputClass(error?: string) {
  return `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600 ${
    error ? "border-red-400" : "border-slate-300"
  }`;
}
