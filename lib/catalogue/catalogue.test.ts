import { and, desc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listCatalogue } from "@/db/queries/admin-catalogue";
import { getOffer, getPlan, listOnboardingFields, updatePlanSettings } from "@/db/queries/catalogue";
import { upsertSubscription } from "@/db/queries/subscriptions";
import { auditEvents } from "@/db/schema";
import { alex, buy, kim } from "marketplace-simulator/testing";
import { subscriptionValues } from "@/lib/subscriptions/from-marketplace";
import { startSyncFixture, type SyncFixture } from "@/lib/sync/testing/fixture";
import { testDatabases } from "@/test/db";
import { addOnboardingField, editOnboardingField, moveOnboardingField, removeOnboardingField } from "./onboarding-fields";
import { refreshPlans } from "./refresh-plans";
import { addOnboardingFieldSchema, editOnboardingFieldSchema, offerSettingsSchema, planSettingsSchema } from "./schemas";
import { updateOfferSettings, updatePlanPolicySettings } from "./settings";

const owner = { type: "staff" as const, id: "5e1ec7ed-0000-4000-8000-00000000bbbb", email: "owner@isv.example" };

describe.each(testDatabases("one"))("catalogue settings on %s", (kind) => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture(kind);
  });
  afterAll(async () => f?.h.close());
  let since = 0;
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
    // The audit log is append-only, also between tests: each test reads only its own events.
    since = (await db().select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0]?.id ?? 0;
  });

  const db = () => f.h.db.db;
  const known = async (body: Record<string, unknown>) => {
    const { subscriptionId } = await buy(f.h, { autoActivate: true, ...body });
    await upsertSubscription(db(), subscriptionValues(await f.client.getSubscription(subscriptionId)));
    return subscriptionId;
  };
  const audits = (action: string) =>
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), gt(auditEvents.id, since)));

  it("refreshes plans per offer through one known subscription, keeping the portal's own settings", async () => {
    await known({ offerId: "contoso-analytics", planId: "starter", purchaser: kim });
    await known({ offerId: "contoso-teamwork", planId: "team", quantity: 5, purchaser: alex });
    await refreshPlans(db(), f.client, owner);
    await updatePlanSettings(db(), "contoso-analytics", "professional", { activationMode: "staff_approved" });

    const results = await refreshPlans(db(), f.client, owner);
    expect(results.map((r) => [r.offerId, r.error ?? null])).toEqual([
      ["contoso-analytics", null],
      ["contoso-teamwork", null],
    ]);
    expect(results.find((r) => r.offerId === "contoso-teamwork")?.plans).toEqual(["team", "business"]);
    const pro = await getPlan(db(), "contoso-analytics", "professional");
    expect(pro).toMatchObject({ activationMode: "staff_approved", pricingModel: "flat_rate" });
    expect(pro!.billingTerms.length).toBeGreaterThan(0);
    // What each term's fee covers, for the metering's included quantities.
    expect(pro!.billingTerms.map((t) => [t.termUnit, t.meteredQuantityIncluded])).toEqual([
      ["P1M", [{ dimensionId: "api-calls", units: 100 }]],
      ["P1Y", [{ dimensionId: "api-calls", units: 1200 }]],
    ]);
    const catalogue = await listCatalogue(db());
    const teamwork = catalogue.find((c) => c.offer.id === "contoso-teamwork")!;
    expect(teamwork.plans.find((p) => p.planId === "team")).toMatchObject({
      pricingModel: "per_user",
      liveSubscriptions: 1,
      changePolicy: "accept_all",
      minQuantity: expect.any(Number),
    });
    const [event] = await audits("catalogue.plans_refreshed");
    expect(event).toMatchObject({ actorEmail: "owner@isv.example", targetType: "catalogue" });
  });

  it("reports an offer Microsoft refuses and still refreshes the others", async () => {
    await known({ offerId: "contoso-analytics", planId: "starter", purchaser: kim });
    const results = await refreshPlans(db(), { listAvailablePlans: async () => Promise.reject(new Error("403 Forbidden")) }, owner);
    expect(results).toEqual([
      {
        offerId: "contoso-analytics",
        subscriptionId: expect.any(String),
        publisherId: expect.any(String),
        error: "403 Forbidden",
        requestId: undefined,
      },
    ]);
    expect((await listCatalogue(db()))[0]?.plans).toEqual([]);
  });

  it("edits an offer's own settings and a plan's policies, with before and after in the audit log", async () => {
    await known({ offerId: "contoso-analytics", planId: "starter", purchaser: kim });
    await refreshPlans(db(), f.client, owner);
    const offer = offerSettingsSchema.parse({
      offerId: "contoso-analytics",
      displayName: "Analytics",
      description: "",
      handoffUrl: "https://app.contoso.example/start",
    });
    expect(await updateOfferSettings(db(), offer, owner)).toEqual({ ok: true, changed: true });
    expect(await updateOfferSettings(db(), offer, owner)).toEqual({ ok: true, changed: false });
    expect(await getOffer(db(), "contoso-analytics")).toMatchObject({
      displayName: "Analytics",
      handoffUrl: "https://app.contoso.example/start",
    });
    const [updated] = await audits("offer.updated");
    expect(updated?.changes).toEqual({
      displayName: { from: "contoso-analytics", to: "Analytics" },
      handoffUrl: { from: null, to: "https://app.contoso.example/start" },
    });

    const plan = planSettingsSchema.parse({
      offerId: "contoso-analytics",
      planId: "starter",
      activationMode: "instant",
      changePolicy: "reject_downgrades",
    });
    expect(await updatePlanPolicySettings(db(), plan, owner)).toEqual({ ok: true, changed: true });
    const [policy] = await audits("plan.updated");
    expect(policy).toMatchObject({
      targetId: "contoso-analytics/starter",
      changes: { changePolicy: { from: "accept_all", to: "reject_downgrades" } },
    });
    expect((await listCatalogue(db(), "contoso-analytics"))[0]?.plans.find((p) => p.planId === "starter")?.changePolicy).toBe(
      "reject_downgrades",
    );
    expect(await updatePlanPolicySettings(db(), { ...plan, planId: "no-such-plan" }, owner)).toMatchObject({ ok: false });
  });

  it("adds, edits, reorders and removes onboarding questions, each audited", async () => {
    await known({ offerId: "contoso-analytics", planId: "starter", purchaser: kim });
    await refreshPlans(db(), f.client, owner);
    const add = (over: Record<string, unknown>) =>
      addOnboardingField(
        db(),
        addOnboardingFieldSchema.parse({ offerId: "contoso-analytics", label: "Q", type: "text", allPlans: "on", ...over }),
        owner,
      );
    const a = await add({ key: "company", label: "Company", required: "on", max: "100" });
    const b = await add({ key: "region", type: "choice", options: "EU\nUS" });
    expect(a.ok && b.ok).toBe(true);
    expect(await add({ key: "Company" })).toMatchObject({ ok: false, fieldErrors: { key: expect.stringMatching(/already/) } });
    expect(await add({ key: "sso", allPlans: undefined, planIds: ["enterprise", "gold"] })).toMatchObject({
      ok: false,
      fieldErrors: { planIds: expect.stringMatching(/gold/) },
    });

    const regionId = b.ok ? b.field.id : "";
    const edited = await editOnboardingField(
      db(),
      editOnboardingFieldSchema.parse({
        fieldId: regionId,
        label: "Data region",
        type: "choice",
        options: "EU\nUS\nAPAC",
        allPlans: undefined,
        planIds: "enterprise",
      }),
      owner,
    );
    expect(edited).toMatchObject({
      ok: true,
      changed: true,
      field: { key: "region", options: ["EU", "US", "APAC"], enabledPlanIds: ["enterprise"] },
    });
    await moveOnboardingField(db(), { fieldId: regionId, direction: "up" }, owner);
    expect((await listOnboardingFields(db(), "contoso-analytics")).map((x) => [x.key, x.sortOrder])).toEqual([
      ["region", 1],
      ["company", 2],
    ]);
    expect(await moveOnboardingField(db(), { fieldId: regionId, direction: "up" }, owner)).toMatchObject({ ok: true, changed: false });
    expect(await removeOnboardingField(db(), regionId, owner)).toMatchObject({ ok: true });
    expect(await removeOnboardingField(db(), regionId, owner)).toMatchObject({ ok: false });

    const trail = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "offer"), eq(auditEvents.targetId, "contoso-analytics"), gt(auditEvents.id, since)))
      .orderBy(auditEvents.id);
    expect(trail.map((e) => e.action)).toEqual([
      "onboarding_field.added",
      "onboarding_field.added",
      "onboarding_field.updated",
      "onboarding_field.reordered",
      "onboarding_field.removed",
    ]);
    expect(trail[2]?.changes).toMatchObject({
      label: { from: "Q", to: "Data region" },
      enabledPlanIds: { from: null, to: ["enterprise"] },
    });
  });
});
