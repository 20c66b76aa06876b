import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentUser } from "@/lib/auth";
import { readLandingToken } from "@/lib/marketplace";
import { buyerCanSee } from "@/lib/subscriptions/access";
import { SignInButton } from "@/components/sign-in-button";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { SignedInAs } from "../_components/signed-in-as";
import { OtherOrganisationNotice } from "./_components/other-organisation-notice";
import { SupportNote } from "@/components/buyer/support-note";
import { LandingMessage } from "./_components/landing-message";
import { PurchaseSummary } from "./_components/purchase-summary";
import { PurchaseState } from "./_components/purchase-state";
import { landingPurchase } from "./purchase";
import { requestBrand } from "@/lib/brand/brand";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Landing"))("metaTitle") };
}

/** The purchase token, decoded exactly once from the raw query (a `+` must survive). */
async function landingToken(searchParams: Record<string, string | string[] | undefined>): Promise<string | undefined> {
  const raw = (await headers()).get(RAW_SEARCH_HEADER);
  if (raw !== null) return readLandingToken(raw);
  // Without the raw query, Next has already percent-decoded once; only the form-decoding of `+` is undone.
  const v = searchParams.token;
  return typeof v === "string" && v !== "" ? v.replaceAll(" ", "+") : undefined;
}

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = await landingToken(await searchParams);
  // Shared with the layout, which frames the page in the offer's brand: Microsoft is asked once.
  const [outcome, user] = await Promise.all([landingPurchase(token), currentUser()]);
  const tc = await getTranslations("Common");

  const t = await getTranslations("Landing");
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  switch (outcome.kind) {
    case "missing-token":
      return (
        <LandingMessage title={t("missingToken.title")} tone="info" support={<SupportNote className="" />}>
          <p>{t("missingToken.body")}</p>
          <p className="mt-2">{tc.rich("configureAccount", { strong })}</p>
        </LandingMessage>
      );
    case "invalid-token":
      return (
        <LandingMessage title={t("invalidToken.title")} tone="error" support={<SupportNote className="" />}>
          <p>{t("invalidToken.body")}</p>
          <p className="mt-2">{t.rich("invalidToken.next", { strong })}</p>
        </LandingMessage>
      );
    case "rate-limited":
      // A page cannot set its status; the refusal is a page the buyer can act on, not an error.
      return (
        <LandingMessage title={t("rateLimited.title")} tone="info">
          {t("rateLimited.body", { seconds: outcome.retryAfterSeconds })}
        </LandingMessage>
      );
    case "unavailable":
      return (
        <LandingMessage title={t("unavailable.title")} tone="error" support={<SupportNote className="" />}>
          <p>{t("unavailable.body")}</p>
          <p className="mt-2">{t("unavailable.next")}</p>
          {outcome.requestId && (
            <p className="mt-2 text-xs break-all text-slate-500">{tc("reference", { reference: outcome.requestId })}</p>
          )}
        </LandingMessage>
      );
  }

  const landingPath = `/landing?token=${encodeURIComponent(token!)}`;
  // The product as the ISV brands it (the layout's header shows the same name).
  const offer = (await requestBrand(outcome.offer.id)).productName;
  if (!user) {
    return (
      <LandingMessage title={t("signIn.title", { offer })} tone="info">
        {t("signIn.body", { offer })}
        <span className="mt-6 block">
          <SignInButton redirectTo={landingPath} label={tc("signInWithMicrosoft")} chooseAccount />
        </span>
      </LandingMessage>
    );
  }

  const pending = outcome.subscription.status === "PendingFulfillmentStart" && outcome.subscription.provisioningState === "new";
  // The same rule as the hand-off route: nobody is offered an Open that would be refused.
  const canOpen = buyerCanSee(outcome.subscription, user);
  return (
    <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6 sm:py-12">
      <SignedInAs user={user} returnTo={landingPath} />
      <h1 className="mt-1 text-3xl font-bold tracking-tight break-words text-slate-900">{pending ? t("setUp", { offer }) : offer}</h1>
      {!canOpen && <OtherOrganisationNotice subscription={outcome.subscription} user={user} returnTo={landingPath} />}
      <PurchaseSummary view={outcome} />
      <PurchaseState view={outcome} token={token!} canOpen={canOpen} />
    </main>
  );
}
