"use client";

import { useActionForm } from "action-form";
import { useId } from "react";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { FIELD_TYPE_LABELS, type FieldTypeValue } from "@/lib/catalogue/labels";
import { addFieldAction, editFieldAction } from "../actions";

export interface FieldValues {
  id?: string;
  key: string;
  label: string;
  helpText: string | null;
  type: FieldTypeValue;
  required: boolean;
  min: number | null;
  max: number | null;
  options: string[] | null;
  enabledPlanIds: string[] | null;
}

/** Adds a question (with its key) or edits one; the key of an existing question stays fixed. */
export function FieldForm({ offerId, planIds, field }: { offerId: string; planIds: string[]; field?: FieldValues }) {
  // Adding empties the form for the next question; editing keeps what was saved on screen.
  const { state, formProps, fieldError } = useActionForm(field ? editFieldAction : addFieldAction, { resetOnSuccess: !field });
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const err = (f: string) => fieldError(f);
  const error = (f: string) =>
    err(f) && (
      <p id={id(`${f}-error`)} className="mt-1 text-sm text-red-700">
        {err(f)}
      </p>
    );
  const described = (f: string) => (err(f) ? { "aria-invalid": true, "aria-describedby": id(`${f}-error`) } : {});
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2" noValidate>
      {field?.id ? <input type="hidden" name="fieldId" value={field.id} /> : <input type="hidden" name="offerId" value={offerId} />}
      {!field && (
        <div>
          <label htmlFor={id("key")} className="block text-sm font-medium text-slate-700">
            Key
          </label>
          <input id={id("key")} name="key" placeholder="companyName" className={inputClass(err("key"))} {...described("key")} />
          {error("key")}
        </div>
      )}
      <div>
        <label htmlFor={id("label")} className="block text-sm font-medium text-slate-700">
          Question
        </label>
        <input id={id("label")} name="label" defaultValue={field?.label} className={inputClass(err("label"))} {...described("label")} />
        {error("label")}
      </div>
      <div>
        <label htmlFor={id("type")} className="block text-sm font-medium text-slate-700">
          Answer type
        </label>
        <select id={id("type")} name="type" defaultValue={field?.type ?? "text"} className={inputClass(err("type"))} {...described("type")}>
          {Object.entries(FIELD_TYPE_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        {error("type")}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={id("helpText")} className="block text-sm font-medium text-slate-700">
          Help text
        </label>
        <input
          id={id("helpText")}
          name="helpText"
          defaultValue={field?.helpText ?? ""}
          className={inputClass(err("helpText"))}
          {...described("helpText")}
        />
        {error("helpText")}
      </div>
      <div>
        <label htmlFor={id("min")} className="block text-sm font-medium text-slate-700">
          Minimum (number, or text length)
        </label>
        <input
          id={id("min")}
          name="min"
          inputMode="numeric"
          defaultValue={field?.min ?? ""}
          className={inputClass(err("min"))}
          {...described("min")}
        />
        {error("min")}
      </div>
      <div>
        <label htmlFor={id("max")} className="block text-sm font-medium text-slate-700">
          Maximum (number, or text length)
        </label>
        <input
          id={id("max")}
          name="max"
          inputMode="numeric"
          defaultValue={field?.max ?? ""}
          className={inputClass(err("max"))}
          {...described("max")}
        />
        {error("max")}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={id("options")} className="block text-sm font-medium text-slate-700">
          Options for a choice, one per line
        </label>
        <textarea
          id={id("options")}
          name="options"
          rows={3}
          defaultValue={(field?.options ?? []).join("\n")}
          className={inputClass(err("options"))}
          {...described("options")}
        />
        {error("options")}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="required" defaultChecked={field?.required ?? false} className="h-4 w-4 rounded border-slate-300" />
        Answer required
      </label>
      <fieldset className="sm:col-span-2" aria-describedby={err("planIds") ? id("planIds-error") : undefined}>
        <legend className="text-sm font-medium text-slate-700">Asked for</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="allPlans" defaultChecked={!field?.enabledPlanIds} className="h-4 w-4 rounded border-slate-300" />
            Every plan
          </label>
          {planIds.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="planIds"
                value={p}
                defaultChecked={field?.enabledPlanIds?.includes(p) ?? false}
                className="h-4 w-4 rounded border-slate-300"
              />
              {p}
            </label>
          ))}
        </div>
        {error("planIds")}
      </fieldset>
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton label={field ? "Save question" : "Add question"} pendingLabel="Saving…" />
        <FormMessage state={state} />
      </div>
    </form>
  );
}
