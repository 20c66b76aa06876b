"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { changeStaffRoleAction, removeStaffAction } from "../actions";

export interface StaffRowProps {
  id: string;
  email: string;
  role: "owner" | "operator" | "viewer";
  addedBy: string;
  added: string;
  pinned: boolean;
  self: boolean;
  /** Why this row's role and removal are not offered (the service refuses them too). */
  locked?: string;
}

const selectClass = "rounded-md border border-slate-300 px-2 py-1.5 text-sm disabled:bg-slate-50 disabled:text-slate-500";

function RoleOptions() {
  return (
    <>
      <option value="viewer">Viewer</option>
      <option value="operator">Operator</option>
      <option value="owner">Owner</option>
    </>
  );
}

export function StaffRow({ id, email, role, addedBy, added, pinned, self, locked }: StaffRowProps) {
  const { state: roleState, formProps: roleActionForm, fieldError } = useActionForm(changeStaffRoleAction, { resetOnSuccess: false });
  const roleError = fieldError("role");
  const { state: removeState, formProps: removeActionForm } = useActionForm(removeStaffAction);
  const state = removeState ?? roleState;
  const reasonId = `staff-locked-${id}`;
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-3 text-left font-medium break-all text-slate-900">
        {email}
        {self && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
        {pinned && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-600">from configuration</span>}
        {locked && (
          <p id={reasonId} className="mt-1 max-w-md text-xs font-normal break-normal text-slate-600">
            {locked}
          </p>
        )}
        <div className="mt-1 max-w-md">
          <FormMessage state={state} />
        </div>
      </th>
      <td className="px-4 py-3">
        {locked ? (
          <div className="flex items-center gap-2">
            <label htmlFor={`role-${id}`} className="sr-only">
              Role of {email}
            </label>
            <select id={`role-${id}`} value={role} disabled aria-describedby={reasonId} className={selectClass} onChange={() => undefined}>
              <RoleOptions />
            </select>
          </div>
        ) : (
          <form {...roleActionForm} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="id" value={id} />
            <label htmlFor={`role-${id}`} className="sr-only">
              Role of {email}
            </label>
            <select
              id={`role-${id}`}
              name="role"
              defaultValue={role}
              aria-invalid={Boolean(roleError)}
              aria-describedby={roleError ? `role-${id}-error` : undefined}
              className={selectClass}
            >
              <RoleOptions />
            </select>
            <SubmitButton label="Save" pendingLabel="Saving…" variant="secondary" />
            {roleError && (
              <p id={`role-${id}-error`} className="w-full text-sm text-red-700">
                {roleError}
              </p>
            )}
          </form>
        )}
      </td>
      <td className="px-4 py-3 text-sm text-slate-600">
        {addedBy}
        <span className="block text-xs text-slate-500">{added}</span>
      </td>
      <td className="px-4 py-3 text-right">
        {locked ? (
          <button
            type="button"
            disabled
            aria-label={`Remove ${email}`}
            aria-describedby={reasonId}
            title={locked}
            className="cursor-not-allowed rounded-md px-2 py-1 text-sm font-medium text-slate-400"
          >
            Remove
          </button>
        ) : (
          <form {...removeActionForm}>
            <input type="hidden" name="id" value={id} />
            <button
              type="submit"
              aria-label={`Remove ${email}`}
              className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
            >
              Remove
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
