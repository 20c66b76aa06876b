"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { CheckStatus } from "@/lib/doctor/checks";
import { runDoctorAction } from "../actions";

const LOOK: Record<CheckStatus, { mark: string; label: string; className: string }> = {
  pass: { mark: "✓", label: "Pass", className: "bg-emerald-50 text-emerald-950 ring-emerald-200" },
  warn: { mark: "!", label: "Warning", className: "bg-amber-50 text-amber-950 ring-amber-200" },
  fail: { mark: "✗", label: "Fail", className: "bg-red-50 text-red-950 ring-red-200" },
  skip: { mark: "–", label: "Skipped", className: "bg-slate-50 text-slate-700 ring-slate-200" },
};

export function DoctorChecks() {
  const { state, formProps } = useActionForm(runDoctorAction);
  const checks = state?.ok ? state.data : undefined;
  return (
    <form {...formProps} className="space-y-3">
      <SubmitButton label="Run the checks" pendingLabel="Checking…" variant="secondary" />
      {state && !state.ok && <FormMessage state={state} />}
      {checks && (
        <div role="status" aria-live="polite" aria-label="Doctor checks">
          <ul className="space-y-2">
            {checks.map((c) => (
              <li key={c.id} className={`rounded-lg px-4 py-2 text-sm ring-1 ${LOOK[c.status].className}`}>
                <span className="font-semibold">
                  <span aria-hidden="true">{LOOK[c.status].mark}</span> {LOOK[c.status].label}: {c.title}
                </span>
                <span className="block break-all">{c.detail}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
