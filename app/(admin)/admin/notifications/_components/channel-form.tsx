"use client";

import { useState } from "react";
import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { createChannelAction } from "../actions";

const HINTS = {
  email: "smtp://user:password@smtp.example.com:587 — leave blank to use the SMTP_URL setting.",
  teams: "The URL of a Teams incoming webhook or of a Workflows “When a Teams webhook request is received” flow.",
  slack: "The URL of a Slack incoming webhook (https://hooks.slack.com/services/…).",
} as const;
type Kind = keyof typeof HINTS;
const FIRST_KIND: Kind = "email";

/** Adds an e-mail, Teams or Slack channel; its URL is encrypted at rest and never shown again. */
export function ChannelForm() {
  const [kind, setKind] = useState<Kind>(FIRST_KIND);
  // After an add the emptied form shows its first kind again; the fields that depend on the kind follow.
  const { state, formProps, fieldError } = useActionForm(createChannelAction, { onReset: () => setKind(FIRST_KIND) });
  const nameError = fieldError("name");
  const targetError = fieldError("target");
  const fromError = fieldError("mailFrom");
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="channel-kind" className="block text-sm font-medium text-slate-700">
            Kind
          </label>
          <select id="channel-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} className={inputClass()}>
            <option value="email">E-mail (SMTP)</option>
            <option value="teams">Microsoft Teams</option>
            <option value="slack">Slack</option>
          </select>
        </div>
        <div>
          <label htmlFor="channel-name" className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input id="channel-name" name="name" aria-invalid={Boolean(nameError)} className={inputClass(nameError)} />
          {nameError && <p className="mt-1 text-sm text-red-700">{nameError}</p>}
        </div>
        {kind === "email" && (
          <div>
            <label htmlFor="channel-from" className="block text-sm font-medium text-slate-700">
              Sender (blank: MAIL_FROM)
            </label>
            <input
              id="channel-from"
              name="mailFrom"
              placeholder="Contoso <billing@contoso.com>"
              aria-invalid={Boolean(fromError)}
              className={inputClass(fromError)}
            />
            {fromError && <p className="mt-1 text-sm text-red-700">{fromError}</p>}
          </div>
        )}
      </div>
      <div>
        <label htmlFor="channel-target" className="block text-sm font-medium text-slate-700">
          {kind === "email" ? "SMTP URL" : "Webhook URL"}
        </label>
        <input
          id="channel-target"
          name="target"
          type="password"
          autoComplete="off"
          aria-invalid={Boolean(targetError)}
          aria-describedby="channel-target-hint"
          className={inputClass(targetError)}
        />
        <p id="channel-target-hint" className="mt-1 text-xs text-slate-500">
          {HINTS[kind]} Stored encrypted; only its host is shown afterwards.
        </p>
        {targetError && <p className="mt-1 text-sm text-red-700">{targetError}</p>}
      </div>
      <SubmitButton label="Add channel" pendingLabel="Adding…" />
      <FormMessage state={state} />
    </form>
  );
}
