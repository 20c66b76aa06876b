import Link from "next/link";
import type { ReactNode } from "react";
import { isActivationClaimStale } from "@/db/queries/activation";
import type { PurchaseView } from "@/lib/subscriptions/landing";
import { ConfirmForm } from "./confirm-form";
import { RetryForm } from "./retry-form";
import { OpenProductForm } from "@/components/open-product-form";

/** The next step for this subscription, from Microsoft's status and the portal's provisioning state. */
export function PurchaseState({ view, token, canOpen }: { view: PurchaseView; token: string; canOpen: boolean }) {
  const s = view.subscription;
  const handoff = canOpen ? (
    <OpenProductForm
      subscriptionId={s.id}
      className="mt-4 inline-flex rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700"
    >
      Open {view.offer.displayName}
    </OpenProductForm>
  ) : (
    <p className="mt-3">People of the purchaser&apos;s organisation open it from their own account.</p>
  );
  switch (s.status) {
    case "Subscribed":
      return (
        <Panel title="Your subscription is active" tone="success">
          You can start using {view.offer.displayName} now. Manage seats, plan and billing from the Azure portal or the Microsoft 365 admin
          center; your subscriptions are also listed under{" "}
          <Link className="underline" href="/account">
            My subscriptions
          </Link>
          .<div>{handoff}</div>
        </Panel>
      );
    case "Suspended":
      return (
        <Panel title="Your subscription is suspended" tone="warning">
          Microsoft could not collect payment, so access is restricted; your data is kept. Update the payment method in the Azure portal or
          the Microsoft 365 admin center and access returns as soon as Microsoft reinstates the subscription.
        </Panel>
      );
    case "Unsubscribed":
      return (
        <Panel title="This subscription was cancelled" tone="neutral">
          A cancelled subscription cannot be reactivated. To use {view.offer.displayName} again, buy it again in Azure Marketplace or
          AppSource.
        </Panel>
      );
  }
  switch (s.provisioningState) {
    case "awaiting_approval":
      return (
        <Panel title="Awaiting approval" tone="info">
          Thank you — your details were received{s.confirmedByEmail ? ` from ${s.confirmedByEmail}` : ""}. Our team reviews this plan before
          activating it; billing starts only once it is active. You will find it under{" "}
          <Link className="underline" href="/account">
            My subscriptions
          </Link>
          .
        </Panel>
      );
    case "activating":
      if (isActivationClaimStale(s))
        return (
          <Panel title="Activation did not complete" tone="warning">
            Microsoft has not confirmed the activation; nothing was billed twice and your details are saved.
            <RetryForm token={token} />
          </Panel>
        );
      return (
        <Panel title="Activation in progress" tone="info">
          We have asked Microsoft to activate your subscription. Reload this page in a few seconds.
        </Panel>
      );
    case "activation_failed":
      return (
        <Panel title="Activation did not complete" tone="warning">
          Microsoft did not confirm the activation yet; nothing was billed and your details are saved.{" "}
          {s.activationError && <span className="mt-1 block text-xs text-slate-500">Details: {s.activationError}</span>}
          <RetryForm token={token} />
        </Panel>
      );
  }
  const needsApproval = view.plan?.activationMode === "staff_approved";
  return (
    <section aria-labelledby="confirm-title" className="mt-6 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="confirm-title" className="text-lg font-semibold text-slate-900">
        Confirm your purchase
      </h2>
      <p className="mb-5 mt-1 text-sm text-slate-600">
        {needsApproval
          ? "Tell us a little about your organisation. Our team approves this plan before it is activated; billing starts only then."
          : "Tell us a little about your organisation, then confirm. Confirming activates the subscription, and Microsoft starts billing."}
      </p>
      <ConfirmForm token={token} fields={view.fields} needsApproval={needsApproval} />
    </section>
  );
}

const PANEL_TONES = {
  success: "ring-emerald-200 bg-emerald-50/50",
  warning: "ring-amber-200 bg-amber-50/50",
  info: "ring-sky-200 bg-sky-50/50",
  neutral: "ring-slate-200 bg-white",
} as const;

function Panel({ title, tone, children }: { title: string; tone: keyof typeof PANEL_TONES; children: ReactNode }) {
  return (
    <section role="status" className={`mt-6 rounded-2xl p-6 ring-1 ${PANEL_TONES[tone]}`}>
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mt-1 text-sm text-slate-700">{children}</div>
    </section>
  );
}
