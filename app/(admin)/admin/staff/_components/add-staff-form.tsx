"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { addStaffAction } from "../actions";

export function AddStaffForm() {
  const { state, formProps, fieldError } = useActionForm(addStaffAction);
  const emailError = fieldError("email");
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate>
      <div>
        <label htmlFor="staff-email" className="block text-sm font-medium text-slate-700">
          E-mail
        </label>
        <input
          id="staff-email"
          name="email"
          type="email"
          autoComplete="off"
          aria-invalid={Boolean(emailError)}
          aria-describedby={emailError ? "staff-email-error" : undefined}
          className={inputClass(emailError)}
        />
        {emailError && (
          <p id="staff-email-error" className="mt-1 text-sm text-red-700">
            {emailError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="staff-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select id="staff-role" name="role" defaultValue="viewer" className={inputClass()}>
          <option value="viewer">Viewer</option>
          <option value="operator">Operator</option>
          <option value="owner">Owner</option>
        </select>
      </div>
      <SubmitButton label="Add" pendingLabel="Adding…" />
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
