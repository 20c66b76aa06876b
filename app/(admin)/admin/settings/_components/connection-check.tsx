"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { checkConnectionAction } from "../actions";

function Line({ ok, title, children }: { ok: boolean; title: string; children: React.ReactNode }) {
  return (
    <div
      className={`rounded-lg px-4 py-3 text-sm ring-1 ${ok ? "bg-emerald-50 text-emerald-950 ring-emerald-200" : "bg-red-50 text-red-950 ring-red-200"}`}
    >
      <p className="font-semibold">
        {ok ? "✓" : "✗"} {title}
      </p>
      <div className="mt-1 space-y-0.5 break-all">{children}</div>
    </div>
  );
}

export function ConnectionCheck() {
  const { state, formProps } = useActionForm(checkConnectionAction);
  const report = state?.ok ? state.data : undefined;
  return (
    <form {...formProps} className="space-y-3">
      <SubmitButton label="Check the connection" pendingLabel="Checking…" variant="secondary" />
      {state && !state.ok && <FormMessage state={state} />}
      {report && (
        <div role="status" aria-live="polite" className="grid gap-3 md:grid-cols-2">
          <Line ok={report.token.ok} title={report.token.skipped ? "No token needed" : report.token.ok ? "Token issued" : "No token"}>
            {report.token.skipped && <p>{report.token.skipped}</p>}
            {report.token.error && <p>{report.token.error}</p>}
            {report.token.audience && <p>Audience: {report.token.audience}</p>}
            {report.token.tenantId && <p>Tenant: {report.token.tenantId}</p>}
            {report.token.appId && <p>App: {report.token.appId}</p>}
            {report.token.expiresAt && <p>Expires: {report.token.expiresAt}</p>}
          </Line>
          <Line ok={report.call.ok} title={report.call.ok ? "Test call answered" : "Test call failed"}>
            <p>
              GET {report.apiBaseUrl}/saas/subscriptions{report.call.status ? ` → ${report.call.status}` : ""}
              {report.call.durationMs !== undefined ? ` in ${report.call.durationMs} ms` : ""}
            </p>
            {report.call.skipped && <p>{report.call.skipped}</p>}
            {report.call.error && <p>{report.call.error}</p>}
            {report.call.ok && (
              <p>
                {report.call.subscriptionsOnFirstPage} subscription{report.call.subscriptionsOnFirstPage === 1 ? "" : "s"} on the first page
                {report.call.morePages ? ", more pages follow" : ""}
              </p>
            )}
            {report.call.requestId && <p>Request ID: {report.call.requestId}</p>}
            <p>Correlation ID: {report.call.correlationId}</p>
          </Line>
        </div>
      )}
    </form>
  );
}
