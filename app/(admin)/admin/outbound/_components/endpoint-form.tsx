"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { EVENT_TYPE_GROUPS, EVENT_TYPE_LABELS } from "@/lib/outbound/event-types";
import { createEndpointAction, updateEndpointAction } from "../actions";
import { SecretValue } from "./secret-value";

export interface EndpointFormValues {
  id: string;
  url: string;
  description: string;
  enabled: boolean;
  eventTypes: string[];
}

/** Adds an endpoint, or edits one when `endpoint` is given. */
export function EndpointForm({ endpoint }: { endpoint?: EndpointFormValues }) {
  const { state, formProps, fieldError } = useActionForm(endpoint ? updateEndpointAction : createEndpointAction);
  const prefix = endpoint ? `edit-${endpoint.id}` : "new-endpoint";
  const urlError = fieldError("url");
  const descriptionError = fieldError("description");
  const eventsError = fieldError("eventTypes");
  const created = !endpoint && state?.ok ? (state.data as { secret?: string } | undefined) : undefined;
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {endpoint && <input type="hidden" name="id" value={endpoint.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${prefix}-url`} className="block text-sm font-medium text-slate-700">
            URL
          </label>
          <input
            id={`${prefix}-url`}
            name="url"
            type="url"
            defaultValue={endpoint?.url}
            placeholder="https://billing.example.com/hooks/marketplace"
            aria-invalid={Boolean(urlError)}
            aria-describedby={urlError ? `${prefix}-url-error` : undefined}
            className={inputClass(urlError)}
          />
          {urlError && (
            <p id={`${prefix}-url-error`} className="mt-1 text-sm text-red-700">
              {urlError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${prefix}-description`} className="block text-sm font-medium text-slate-700">
            Description
          </label>
          <input
            id={`${prefix}-description`}
            name="description"
            defaultValue={endpoint?.description}
            aria-invalid={Boolean(descriptionError)}
            className={inputClass(descriptionError)}
          />
          {descriptionError && <p className="mt-1 text-sm text-red-700">{descriptionError}</p>}
        </div>
      </div>
      <fieldset aria-describedby={eventsError ? `${prefix}-events-error` : undefined}>
        <legend className="block text-sm font-medium text-slate-700">Events</legend>
        {EVENT_TYPE_GROUPS.map((group) => (
          <fieldset key={group.label} className="mt-3">
            <legend className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.label}</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {group.types.map((type) => (
                <label key={type} className="flex items-start gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    name="eventTypes"
                    value={type}
                    defaultChecked={endpoint ? endpoint.eventTypes.includes(type) : true}
                    className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
                  />
                  <span>
                    {EVENT_TYPE_LABELS[type]} <code className="block text-xs text-slate-500">{type}</code>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        {eventsError && (
          <p id={`${prefix}-events-error`} className="mt-1 text-sm text-red-700">
            {eventsError}
          </p>
        )}
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={endpoint?.enabled ?? true}
          className="h-4 w-4 rounded border-slate-300 text-brand-600"
        />
        Enabled
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton label={endpoint ? "Save endpoint" : "Add endpoint"} pendingLabel={endpoint ? "Saving…" : "Adding…"} />
      </div>
      <FormMessage state={state} />
      {created?.secret && <SecretValue secret={created.secret} note="Copy it now. Owners can reveal it again on the endpoint's page." />}
    </form>
  );
}
