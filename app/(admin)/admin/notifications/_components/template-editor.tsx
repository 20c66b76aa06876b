"use client";

import { useEffect, useState } from "react";
import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { previewTemplateAction, saveTemplateAction } from "../actions";

type Preview = { subject: string; html: string; text: string };
export type TemplateValues = Record<string, { subject: string; intro: string }>;

/** Subject and intro per event type, with the message re-rendered beside it as the owner types. */
export function TemplateEditor({
  eventTypes,
  saved,
  placeholders,
}: {
  eventTypes: Array<{ type: string; label: string }>;
  saved: TemplateValues;
  placeholders: string;
}) {
  const { state, formProps, fieldError } = useActionForm(saveTemplateAction, { resetOnSuccess: false });
  const [eventType, setEventType] = useState(eventTypes[0]?.type ?? "");
  const [audience, setAudience] = useState<"staff" | "buyer">("staff");
  const [subject, setSubject] = useState(saved[eventType]?.subject ?? "");
  const [intro, setIntro] = useState(saved[eventType]?.intro ?? "");
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void previewTemplateAction(null, { eventType, audience, subject, intro }).then((r) => {
        if (live && r.ok) setPreview(r.data as Preview);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [eventType, audience, subject, intro]);

  const choose = (type: string) => {
    setEventType(type);
    setSubject(saved[type]?.subject ?? "");
    setIntro(saved[type]?.intro ?? "");
  };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form {...formProps} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="template-event" className="block text-sm font-medium text-slate-700">
              Event
            </label>
            <select
              id="template-event"
              name="eventType"
              value={eventType}
              onChange={(e) => choose(e.target.value)}
              className={inputClass()}
            >
              {eventTypes.map((e) => (
                <option key={e.type} value={e.type}>
                  {e.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="template-audience" className="block text-sm font-medium text-slate-700">
              Preview as
            </label>
            <select
              id="template-audience"
              value={audience}
              onChange={(e) => setAudience(e.target.value as "staff" | "buyer")}
              className={inputClass()}
            >
              <option value="staff">Staff</option>
              <option value="buyer">Buyer</option>
            </select>
          </div>
        </div>
        <div>
          <label htmlFor="template-subject" className="block text-sm font-medium text-slate-700">
            Subject
          </label>
          <input
            id="template-subject"
            name="subject"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            aria-invalid={Boolean(fieldError("subject"))}
            aria-describedby={fieldError("subject") ? "template-subject-error" : undefined}
            className={inputClass(fieldError("subject"))}
          />
          {fieldError("subject") && (
            <p id="template-subject-error" className="mt-1 text-sm text-red-700">
              {fieldError("subject")}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="template-intro" className="block text-sm font-medium text-slate-700">
            Intro
          </label>
          <textarea
            id="template-intro"
            name="intro"
            rows={4}
            value={intro}
            onChange={(e) => setIntro(e.target.value)}
            aria-invalid={Boolean(fieldError("intro"))}
            aria-describedby={fieldError("intro") ? "template-intro-error" : "template-intro-hint"}
            className={inputClass(fieldError("intro"))}
          />
          {fieldError("intro") && (
            <p id="template-intro-error" className="mt-1 text-sm text-red-700">
              {fieldError("intro")}
            </p>
          )}
          <p id="template-intro-hint" className="mt-1 text-xs text-slate-500">
            Blank keeps the built-in words. Placeholders: {placeholders}.
          </p>
        </div>
        <SubmitButton label="Save template" pendingLabel="Saving…" />
        <FormMessage state={state} />
      </form>
      <section aria-label="Preview" className="space-y-2">
        <p className="text-sm text-slate-700">
          Subject: <strong data-testid="preview-subject">{preview?.subject ?? "…"}</strong>
        </p>
        <iframe title="E-mail preview" sandbox="" srcDoc={preview?.html ?? ""} className="h-96 w-full rounded-md ring-1 ring-slate-200" />
        <details>
          <summary className="cursor-pointer text-sm text-slate-600">Plain-text part</summary>
          <pre className="whitespace-pre-wrap text-xs text-slate-700">{preview?.text}</pre>
        </details>
      </section>
    </div>
  );
}
