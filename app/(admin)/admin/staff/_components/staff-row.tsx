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
}

export function StaffRow({ id, email, role, addedBy, added, pinned, self }: StaffRowProps) {
  const { state: roleState, formProps: roleActionForm } = useActionForm(changeStaffRoleAction);
  const { state: removeState, formProps: removeActionForm } = useActionForm(removeStaffAction);
  const state = removeState ?? roleState;
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
        {email}
        {self && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
        {pinned && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-600">from configuration</span>}
        <div className="mt-1 max-w-md">
          <FormMessage state={state} />
        </div>
      </th>
      <td className="px-4 py-3">
        <form {...roleActionForm} className="flex items-center gap-2">
          <input type="hidden" name="id" value={id} />
          <label htmlFor={`role-${id}`} className="sr-only">
            Role of {email}
          </label>
          <select id={`role-${id}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="viewer">Viewer</option>
            <option value="operator">Operator</option>
            <option value="owner">Owner</option>
          </select>
          <SubmitButton label="Save" pendingLabel="Saving…" variant="secondary" />
        </form>
      </td>
      <td className="px-4 py-3 text-sm text-slate-600">
        {addedBy}
        <span className="block text-xs text-slate-500">{added}</span>
      </td>
      <td className="px-4 py-3 text-right">
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
      </td>
    </tr>
  );
}
