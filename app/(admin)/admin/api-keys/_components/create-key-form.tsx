"use client";

import { useActionForm } from "action-form";
import { useState } from "react";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { createApiKeyAction } from "../actions";

const SCOPES = [
  { value: "usage:write", label: "Report usage", help: "POST /api/v1/usage" },
  { value: "subscriptions:read", label: "Read subscriptions and usage", help: "GET /api/v1/subscriptions, GET /api/v1/usage" },
];

export function CreateKeyForm() {
  const { state, formProps, fieldError } = useActionForm(createApiKeyAction);
  const nameError = fieldError("name");
  const scopesError = fieldError("scopes");
  const expiresError = fieldError("expiresOn");
  const created = state?.ok ? (state.data as { key: string } | undefined) : undefined;
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id="api-key-name"
            name="name"
            autoComplete="off"
            placeholder="Billing system"
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? "api-key-name-error" : undefined}
            className={inputClass(nameError)}
          />
          {nameError && (
            <p id="api-key-name-error" className="mt-1 text-sm text-red-700">
              {nameError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="api-key-expires" className="block text-sm font-medium text-slate-700">
            Expires after (optional, UTC)
          </label>
          <input
            id="api-key-expires"
            name="expiresOn"
            type="date"
            aria-invalid={Boolean(expiresError)}
            aria-describedby={expiresError ? "api-key-expires-error" : undefined}
            className={inputClass(expiresError)}
          />
          {expiresError && (
            <p id="api-key-expires-error" className="mt-1 text-sm text-red-700">
              {expiresError}
            </p>
          )}
        </div>
      </div>
      <fieldset aria-describedby={scopesError ? "api-key-scopes-error" : undefined}>
        <legend className="block text-sm font-medium text-slate-700">Scopes</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {SCOPES.map((s) => (
            <label key={s.value} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="scopes" value={s.value} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
              <span>
                {s.label}{" "}
                <code className="block text-xs text-slate-500">
                  {s.value} · {s.help}
                </code>
              </span>
            </label>
          ))}
        </div>
        {scopesError && (
          <p id="api-key-scopes-error" className="mt-1 text-sm text-red-700">
            {scopesError}
          </p>
        )}
      </fieldset>
      <SubmitButton label="Create key" pendingLabel="Creating…" />
      <FormMessage state={state} />
      {created?.key && <NewKey value={created.key} />}
    </form>
  );
}

/** The new key, shown this once: only its hash is stored. */
function NewKey({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
      <p id="new-api-key-label" className="text-sm font-medium text-amber-900">
        New API key: copy it now, it is not shown again
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <code
          aria-labelledby="new-api-key-label"
          data-testid="new-api-key"
          className="break-all rounded bg-white px-2 py-1 text-xs text-slate-900 ring-1 ring-slate-200"
        >
          {value}
        </code>
        <button
          type="button"
          onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}
          className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-white"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="mt-1 text-xs text-amber-900">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code>. Lost keys cannot be recovered: revoke it and create another.
      </p>
    </div>
  );
}
