import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { currentUser } from "@/lib/auth";
import { readLandingToken } from "@/lib/marketplace";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { openPurchase } from "@/lib/subscriptions/landing";
import { buyerCanSee } from "@/lib/subscriptions/access";
import { SignInButton } from "@/components/sign-in-button";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { clientAddressOf, consumeAbuseLimit } from "@/lib/rate-limit";
import { SignedInAs } from "../_components/signed-in-as";
import { OtherOrganisationNotice } from "./_components/other-organisation-notice";
import { LandingMessage } from "./_components/landing-message";
import { PurchaseSummary } from "./_components/purchase-summary";
import { PurchaseState } from "./_components/purchase-state";

export const metadata: Metadata = { title: "Your purchase" };

/** The purchase token, decoded exactly once from the raw query (a `+` must survive). */
async function landingToken(searchParams: Record<string, string | string[] | undefined>): Promise<string | undefined> {
  const raw = (await headers()).get(RAW_SEARCH_HEADER);
  if (raw !== null) return readLandingToken(raw);
  // Without the raw query, Next has already percent-decoded once; only the form-decoding of `+` is undone.
  const v = searchParams.token;
  return typeof v === "string" && v !== "" ? v.replaceAll(" ", "+") : undefined;
}

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requestHeaders = await headers();
  const token = await landingToken(await searchParams);
  const address = clientAddressOf((name) => requestHeaders.get(name));
  const limitResolve = () => consumeAbuseLimit("landingResolve", address);
  const [outcome, user] = await Promise.all([
    getDb().then((db) => openPurchase({ db, client: getMarketplaceClient(), limitResolve }, token)),
    currentUser(),
  ]);

  switch (outcome.kind) {
    case "missing-token":
      return (
        <LandingMessage title="This page needs a purchase link" tone="info">
          You reach this page from Microsoft after buying our offer in Azure Marketplace or AppSource. Open your subscription in the Azure
          portal or the Microsoft 365 admin center and choose <strong>Configure account</strong>.
        </LandingMessage>
      );
    case "invalid-token":
      return (
        <LandingMessage title="We could not identify your purchase" tone="error">
          The link you followed is invalid or has expired (purchase links are valid for 24 hours). Open your subscription again in the Azure
          portal or the Microsoft 365 admin center and choose <strong>Configure account</strong> or <strong>Manage account</strong> to get a
          fresh link.
        </LandingMessage>
      );
    case "rate-limited":
      // A page cannot set its status; the refusal is a page the buyer can act on, not an error.
      return (
        <LandingMessage title="Too many attempts" tone="info">
          This address has opened too many new purchase links in a short time. Try again in {outcome.retryAfterSeconds} second
          {outcome.retryAfterSeconds === 1 ? "" : "s"} with the same link: it stays valid for 24 hours.
        </LandingMessage>
      );
    case "unavailable":
      return (
        <LandingMessage title="The marketplace is not answering right now" tone="error">
          We could not reach Microsoft to look up your purchase. Nothing was lost: reload this page in a minute, or come back with the same
          link later today.
          {outcome.requestId && <span className="mt-2 block text-xs text-slate-500">Reference: {outcome.requestId}</span>}
        </LandingMessage>
      );
  }

  const landingPath = `/landing?token=${encodeURIComponent(token!)}`;
  if (!user) {
    return (
      <LandingMessage title={`Thank you for purchasing ${outcome.offer.displayName}`} tone="info">
        Sign in with the Microsoft account you want to use with {outcome.offer.displayName} to review your purchase and set it up.
        <span className="mt-6 block">
          <SignInButton redirectTo={landingPath} chooseAccount />
        </span>
      </LandingMessage>
    );
  }

  const pending = outcome.subscription.status === "PendingFulfillmentStart" && outcome.subscription.provisioningState === "new";
  // The same rule as the hand-off route: nobody is offered an Open that would be refused.
  const canOpen = buyerCanSee(outcome.subscription, user);
  return (
    <main className="mx-auto w-full max-w-3xl flex-1 px-6 py-12">
      <SignedInAs user={user} returnTo={landingPath} />
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">
        {pending ? `Set up ${outcome.offer.displayName}` : outcome.offer.displayName}
      </h1>
      {!canOpen && <OtherOrganisationNotice subscription={outcome.subscription} user={user} />}
      <PurchaseSummary view={outcome} />
      <PurchaseState view={outcome} token={token!} canOpen={canOpen} />
    </main>
  );
}
