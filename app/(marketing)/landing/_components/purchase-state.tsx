import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { isActivationClaimStale } from "@/db/queries/activation";
import type { PurchaseView } from "@/lib/subscriptions/landing";
import { ConfirmForm } from "./confirm-form";
import { RetryForm } from "./retry-form";
import { OpenProductForm } from "@/components/open-product-form";

/** The next step for this subscription, from Microsoft's status and the portal's provisioning state. */
export async function PurchaseState({ view, token, canOpen }: { view: PurchaseView; token: string; canOpen: boolean }) {
  const t = await getTranslations("State");
  const s = view.subscription;
  const offer = view.offer.displayName;
  const link = (chunks: ReactNode) => (
    <Link className="underline" href="/account">
      {chunks}
    </Link>
  );
  const retry = <RetryForm token={token} labels={{ submit: t("retry"), pending: t("retrying") }} />;
  const handoff = canOpen ? (
    <OpenProductForm
      subscriptionId={s.id}
      className="mt-4 inline-flex rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-on-brand hover:bg-brand-hover"
    >
      {t("open", { offer })}
    </OpenProductForm>
  ) : (
    <p className="mt-3">{t("openByPurchaser")}</p>
  );
  switch (s.status) {
    case "Subscribed":
      return (
        <Panel title={t("active.title")} tone="success">
          {t.rich("active.body", { offer, link })}
          <div>{handoff}</div>
        </Panel>
      );
    case "Suspended":
      return (
        <Panel title={t("suspended.title")} tone="warning">
          {t("suspended.body")}
        </Panel>
      );
    case "Unsubscribed":
      return (
        <Panel title={t("cancelled.title")} tone="neutral">
          {t("cancelled.body", { offer })}
        </Panel>
      );
  }
  switch (s.provisioningState) {
    case "awaiting_approval":
      return (
        <Panel title={t("awaitingApproval.title")} tone="info">
          {t.rich("awaitingApproval.body", { hasEmail: s.confirmedByEmail ? "yes" : "no", email: s.confirmedByEmail ?? "", link })}
        </Panel>
      );
    case "activating":
      if (isActivationClaimStale(s))
        return (
          <Panel title={t("stale.title")} tone="warning">
            {t("stale.body")}
            {retry}
          </Panel>
        );
      return (
        <Panel title={t("activating.title")} tone="info">
          {t("activating.body")}
        </Panel>
      );
    case "activation_failed":
      return (
        <Panel title={t("failed.title")} tone="warning">
          {t("failed.body")}{" "}
          {s.activationError && (
            <span className="mt-1 block text-xs break-words text-slate-500">{t("failed.details", { details: s.activationError })}</span>
          )}
          {retry}
        </Panel>
      );
  }
  const needsApproval = view.plan?.activationMode === "staff_approved";
  return (
    <section aria-labelledby="confirm-title" className="mt-6 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="confirm-title" className="text-lg font-semibold text-slate-900">
        {t("confirm.title")}
      </h2>
      <p className="mb-5 mt-1 text-sm text-slate-600">{needsApproval ? t("confirm.introApproval") : t("confirm.intro")}</p>
      <ConfirmForm
        token={token}
        fields={view.fields}
        labels={{
          choose: t("confirm.choose"),
          submit: needsApproval ? t("confirm.submitApproval") : t("confirm.submit"),
          pending: t("confirm.submitting"),
        }}
      />
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
    <section role="status" className={`mt-6 rounded-2xl p-4 ring-1 sm:p-6 ${PANEL_TONES[tone]}`}>
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mt-1 text-sm text-slate-700">{children}</div>
    </section>
  );
}
