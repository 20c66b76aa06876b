import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { captureLogs } from "@/test/console";
import { listAuditEvents } from "@/db/queries/audit-events";
import { claimProvisioning, isActivationClaimStale } from "@/db/queries/activation";
import { getSubscriptionById, updateSubscription } from "@/db/queries/subscriptions";
import { updatePlanSettings } from "@/db/queries/catalogue";
import { seedDemoCatalogue } from "@/db/seed-demo";
import type { MarketplaceClient } from "@/lib/marketplace";
import { alex, buy, startHarness, travel, type SimHarness } from "marketplace-simulator/testing";
import { testDatabases } from "@/test/db";
import { activateSubscription, confirmPurchase, type Actor } from "./activate";
import { simulatorClient } from "@/test/simulator-client";
import { openPurchase } from "./landing";
import { retryFromLanding } from "./landing-confirm";

const actor: Actor = { type: "user", id: "0b1c5e9e-0000-4000-8000-00000000a1e1", email: "alex@contoso.example" };
const answers = { company: "Contoso", contactEmail: "it@contoso.example", region: "Europe" };

describe.each(testDatabases("both"))("landing page and activation against the simulator on %s", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    client = simulatorClient(h);
    await seedDemoCatalogue(h.db.db);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const deps = () => ({ db: h.db.db, client });
  const apiCalls = async (id: string) =>
    ((await h.call("GET", `/_sim/subscriptions/${id}`)).body as { apiCalls: Record<string, number> }).apiCalls;
  const purchase = (planId = "professional") => buy(h, { offerId: "contoso-analytics", planId, purchaser: alex });

  it("tells missing, forged and expired tokens apart from a marketplace outage", async () => {
    expect(await openPurchase(deps(), undefined)).toEqual({ kind: "missing-token" });
    expect(await openPurchase(deps(), "bm90LWEtcmVhbC10b2tlbg==")).toEqual({ kind: "invalid-token" });
    expect(await openPurchase(deps(), "x".repeat(9000))).toEqual({ kind: "invalid-token" });
    expect(await openPurchase(deps(), "caf\u00e9 \u0000token")).toEqual({ kind: "invalid-token" });

    const { token } = await purchase();
    travel(25 * 3600 * 1000);
    expect(await openPurchase(deps(), token)).toEqual({ kind: "invalid-token" });

    const fresh = await purchase();
    await h.call("PUT", "/_sim/faults", { body: { rules: [{ endpoint: "resolve", effect: { type: "status", status: 503 } }] } });
    const logs = captureLogs("error");
    expect(await openPurchase(deps(), fresh.token)).toMatchObject({ kind: "unavailable" });
    expect(logs.restore()).toEqual([
      expect.objectContaining({
        msg: "landing: marketplace call failed",
        marketplaceError: expect.objectContaining({ status: 503, operation: "resolve" }),
      }),
    ]);
  });

  it("resolves a token once, learns the plan, and remembers the subscription", async () => {
    const { token, subscriptionId } = await purchase();
    const first = await openPurchase(deps(), token);
    expect(first).toMatchObject({
      kind: "purchase",
      subscription: { id: subscriptionId, status: "PendingFulfillmentStart", provisioningState: "new", purchaserEmail: alex.email },
      offer: { id: "contoso-analytics", displayName: "Contoso Analytics" },
      plan: { planId: "professional", pricingModel: "flat_rate" },
    });
    if (first.kind !== "purchase") throw new Error("unreachable");
    expect(first.plan?.billingTerms.length).toBeGreaterThan(0);
    // The SSO field is enabled for enterprise plans only.
    expect(first.fields.map((f) => f.key)).toEqual(["company", "contactEmail", "expectedUsers", "region", "goLive"]);

    await openPurchase(deps(), token);
    expect((await apiCalls(subscriptionId)).resolve).toBe(1);
  });

  it("validates onboarding answers before anything is recorded", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    const r = await confirmPurchase(deps(), { subscriptionId, actor, answers: { company: "", contactEmail: "nope", region: "Mars" } });
    expect(r).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: {
        company: "Company name is required",
        contactEmail: "Technical contact e-mail must be an e-mail address",
        region: "Choose one of the options for Data region",
      },
    });
    expect((await getSubscriptionById(h.db.db, subscriptionId))?.provisioningState).toBe("new");
    expect((await apiCalls(subscriptionId)).activate).toBe(0);
  });

  it("activates exactly once however many confirmations race", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    const results = await Promise.all(Array.from({ length: 6 }, () => confirmPurchase(deps(), { subscriptionId, actor, answers })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await apiCalls(subscriptionId)).activate).toBe(1);

    const row = await getSubscriptionById(h.db.db, subscriptionId);
    expect(row).toMatchObject({ status: "Subscribed", provisioningState: "active", confirmedByEmail: actor.email });
    expect(row?.onboardingValues).toEqual(answers);
    expect(row?.termStartDate).toBeInstanceOf(Date);
    const audit = await listAuditEvents(h.db.db, { targetType: "subscription", targetId: subscriptionId });
    expect(audit.map((a) => a.action).sort()).toEqual(["subscription.activated", "subscription.confirmed", "subscription.purchased"]);

    // A revisit (Manage account) shows the active subscription and never activates again.
    const again = await openPurchase(deps(), token);
    expect(again).toMatchObject({ kind: "purchase", subscription: { status: "Subscribed" } });
    expect(await confirmPurchase(deps(), { subscriptionId, actor, answers })).toMatchObject({ ok: false, reason: "not-pending" });
    expect((await apiCalls(subscriptionId)).activate).toBe(1);
  });

  it("waits for staff on staff-approved plans", async () => {
    const { token, subscriptionId } = await purchase("enterprise");
    await openPurchase(deps(), token);
    const r = await confirmPurchase(deps(), { subscriptionId, actor, answers: { ...answers, ssoDomain: "https://login.contoso.example" } });
    expect(r).toMatchObject({ ok: true, subscription: { provisioningState: "awaiting_approval", status: "PendingFulfillmentStart" } });
    expect((await apiCalls(subscriptionId)).activate).toBe(0);

    const staff: Actor = { type: "staff", id: null, email: "owner@isv.example" };
    const approvals = await Promise.all([
      activateSubscription(deps(), { subscriptionId, actor: staff }),
      activateSubscription(deps(), { subscriptionId, actor: staff }),
    ]);
    expect(approvals.filter((a) => a.ok)).toHaveLength(1);
    expect((await getSubscriptionById(h.db.db, subscriptionId))?.status).toBe("Subscribed");
    expect((await apiCalls(subscriptionId)).activate).toBe(1);
  });

  it("leaves a visible, retryable state when activation fails, and retries once asked", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    await h.call("PUT", "/_sim/faults", { body: { rules: [{ endpoint: "activate", effect: { type: "status", status: 503 } }] } });
    const logs = captureLogs("error");
    const failed = await confirmPurchase(deps(), { subscriptionId, actor, answers });
    expect(logs.restore()).toEqual([
      expect.objectContaining({
        msg: "activation failed",
        subscriptionId,
        err: expect.objectContaining({ status: 503, operation: "activate" }),
      }),
    ]);
    expect(failed).toMatchObject({ ok: true, subscription: { provisioningState: "activation_failed", status: "PendingFulfillmentStart" } });
    if (!failed.ok) throw new Error("unreachable");
    expect(failed.subscription.activationError).toMatch(/503/);
    expect(failed.subscription.onboardingValues).toEqual(answers);

    await h.call("PUT", "/_sim/faults", { body: { rules: [] } });
    const retried = await activateSubscription(deps(), { subscriptionId, actor });
    expect(retried).toMatchObject({ ok: true, subscription: { provisioningState: "active", status: "Subscribed", activationError: null } });
  });

  it("records success without a second activate when Microsoft processed one whose reply was lost", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    await h.call("PUT", "/_sim/faults", { body: { rules: [{ endpoint: "activate", count: 1, effect: { type: "drop", when: "after" } }] } });
    const r = await confirmPurchase(deps(), { subscriptionId, actor, answers });
    expect(r).toMatchObject({ ok: true, subscription: { provisioningState: "active", status: "Subscribed" } });
    expect((await apiCalls(subscriptionId)).activate).toBe(1);
  });

  it("reads the subscription before retrying an activation that failed, and does not activate again if it is Subscribed", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    // Processed at Microsoft, but every reply (and the read-backs) lost: the portal records a failure.
    await h.call("PUT", "/_sim/faults", {
      body: {
        rules: [
          { endpoint: "activate", effect: { type: "drop", when: "after" } },
          { endpoint: "getSubscription", effect: { type: "status", status: 503 } },
        ],
      },
    });
    const logs = captureLogs("error");
    const failed = await confirmPurchase(deps(), { subscriptionId, actor, answers });
    expect(logs.restore()).toEqual([expect.objectContaining({ msg: "activation failed", subscriptionId })]);
    expect(failed).toMatchObject({ ok: true, subscription: { provisioningState: "activation_failed" } });
    const calls = (await apiCalls(subscriptionId)).activate;

    await h.call("PUT", "/_sim/faults", { body: { rules: [] } });
    const retried = await activateSubscription(deps(), { subscriptionId, actor });
    expect(retried).toMatchObject({ ok: true, subscription: { provisioningState: "active", status: "Subscribed" } });
    expect((await apiCalls(subscriptionId)).activate).toBe(calls);
  });

  it("takes over an activation claim abandoned by a crash once stale, counted from the claim whatever page views happen", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    // A request claimed the activation and died before calling Microsoft.
    const claimed = await claimProvisioning(h.db.db, subscriptionId, ["new"], "activating");
    expect(claimed?.activationClaimedAt).toBeInstanceOf(Date);
    expect(await retryFromLanding(deps(), { token, actor })).toMatchObject({ ok: true });
    expect((await getSubscriptionById(h.db.db, subscriptionId))?.provisioningState).toBe("activating");
    expect(isActivationClaimStale(claimed!)).toBe(false);

    await updateSubscription(h.db.db, subscriptionId, { activationClaimedAt: new Date(Date.now() - 3 * 60_000) });
    await openPurchase(deps(), token); // refreshes updated_at, which no longer hides the abandoned claim
    const row = await getSubscriptionById(h.db.db, subscriptionId);
    expect(isActivationClaimStale(row!)).toBe(true);
    expect(await retryFromLanding(deps(), { token, actor })).toMatchObject({ ok: true });
    expect(await getSubscriptionById(h.db.db, subscriptionId)).toMatchObject({ provisioningState: "active", status: "Subscribed" });
    expect((await apiCalls(subscriptionId)).activate).toBe(1);
  });

  it("keeps activate on a plan that became staff-approved after the purchase", async () => {
    const { token, subscriptionId } = await purchase();
    await openPurchase(deps(), token);
    await updatePlanSettings(h.db.db, "contoso-analytics", "professional", { activationMode: "staff_approved" });
    const r = await confirmPurchase(deps(), { subscriptionId, actor, answers });
    expect(r).toMatchObject({ ok: true, subscription: { provisioningState: "awaiting_approval" } });
    await updatePlanSettings(h.db.db, "contoso-analytics", "professional", { activationMode: "instant" });
  });
});
