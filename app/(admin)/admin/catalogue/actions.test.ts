import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getOffer, getPlan, listOnboardingFields } from "@/db/queries/catalogue";
import { auditEvents } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { runSync } from "@/lib/sync/run-sync";
import { startSyncFixture, type SyncFixture } from "@/lib/sync/testing/fixture";
import { seedSimulatorSubscriptions } from "@/lib/sync/testing/sim-subscriptions";
import { testDatabases } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown, client: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/services/marketplace", () => ({ getMarketplaceClient: () => state.client }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("./actions");
const { revalidatePath } = await import("next/cache");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

describe.each(testDatabases("one"))("catalogue actions on %s", (kind) => {
  captureRefusalWarnings();
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture(kind);
    state.db = f.h.db.db;
    state.client = f.client;
  });
  afterAll(async () => f?.h.close());
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
  });

  it("asks for a sync first when no subscription is known, then lets operators refresh plans", async () => {
    state.user = as("viewer@isv.example");
    expect(await actions.refreshPlansAction(null, new FormData())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/operator role/),
    });
    state.user = as("operator@isv.example");
    expect(await actions.refreshPlansAction(null, new FormData())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Run a sync first/),
    });
    await seedSimulatorSubscriptions(f.h.db.db, 2);
    await runSync(f.h.db.db, f.client);
    expect(await actions.refreshPlansAction(null, new FormData())).toMatchObject({ ok: true, message: "Plans refreshed for 2 offers." });
    expect(await getPlan(f.h.db.db, "contoso-teamwork", "business")).toMatchObject({ pricingModel: "per_user" });
    expect(revalidatePath).toHaveBeenCalledWith("/admin/catalogue");
  });

  it("lets only owners turn the buyers' self-service off per offer, audited", async () => {
    await seedSimulatorSubscriptions(f.h.db.db, 2);
    await runSync(f.h.db.db, f.client);
    const form = (values: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(values)) data.set(k, v);
      return data;
    };
    state.user = as("operator@isv.example");
    expect(await actions.updateSelfServiceAction(null, form({ offerId: "contoso-teamwork" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/owner role/),
    });
    state.user = as("owner@isv.example");
    await actions.refreshPlansAction(null, new FormData());
    // Unticked boxes are not sent: only the plan change stays on.
    expect(await actions.updateSelfServiceAction(null, form({ offerId: "contoso-teamwork", changePlan: "on" }))).toEqual({
      ok: true,
      message: "Self-service settings saved.",
    });
    const { getSelfServiceSettings } = await import("@/db/queries/self-service");
    expect(await getSelfServiceSettings(f.h.db.db, "contoso-teamwork")).toEqual({ changeSeats: false, changePlan: true, cancel: false });
    const [event] = await f.h.db.db.select().from(auditEvents).where(eq(auditEvents.action, "offer.self_service_updated"));
    expect(event?.changes).toEqual({
      "selfService.changeSeats": { from: true, to: false },
      "selfService.cancel": { from: true, to: false },
    });
    expect(await actions.updateSelfServiceAction(null, form({ offerId: "contoso-teamwork", changePlan: "on" }))).toMatchObject({
      ok: true,
      message: "Nothing to change.",
    });
  });

  it("keeps every edit for owners, with field messages for bad input", async () => {
    await seedSimulatorSubscriptions(f.h.db.db, 1);
    await runSync(f.h.db.db, f.client);
    state.user = as("owner@isv.example");
    await actions.refreshPlansAction(null, new FormData());

    state.user = as("operator@isv.example");
    const offer = { offerId: "contoso-analytics", displayName: "Analytics", handoffUrl: "https://app.contoso.example" };
    expect(await actions.updateOfferAction(null, offer)).toMatchObject({ ok: false, error: expect.stringMatching(/owner role/) });
    expect(
      await actions.addFieldAction(null, { offerId: "contoso-analytics", key: "company", label: "Company", type: "text", allPlans: "on" }),
    ).toMatchObject({ ok: false });

    state.user = as("owner@isv.example");
    expect(await actions.updateOfferAction(null, { ...offer, handoffUrl: "http://app.contoso.example" })).toMatchObject({
      ok: false,
      fieldErrors: { handoffUrl: "Enter an https:// address" },
    });
    expect(await actions.updateOfferAction(null, offer)).toMatchObject({ ok: true, message: "Offer saved." });
    expect((await getOffer(f.h.db.db, "contoso-analytics"))?.handoffUrl).toBe("https://app.contoso.example");
    expect(
      await actions.updatePlanAction(null, {
        offerId: "contoso-analytics",
        planId: "starter",
        activationMode: "staff_approved",
        changePolicy: "accept_all",
      }),
    ).toMatchObject({ ok: true });
    expect((await getPlan(f.h.db.db, "contoso-analytics", "starter"))?.activationMode).toBe("staff_approved");

    const form = new FormData();
    for (const [k, v] of Object.entries({
      offerId: "contoso-analytics",
      key: "region",
      label: "Region",
      type: "choice",
      options: "EU\nUS",
      required: "on",
      allPlans: "on",
    }))
      form.append(k, v);
    expect(await actions.addFieldAction(null, form)).toMatchObject({ ok: true, message: 'Question "Region" added.' });
    const [field] = await listOnboardingFields(f.h.db.db, "contoso-analytics");
    expect(
      await actions.editFieldAction(null, { fieldId: field!.id, label: "Region", type: "choice", options: "EU", allPlans: "on" }),
    ).toMatchObject({ ok: false, fieldErrors: { options: expect.any(String) } });
    expect(await actions.removeFieldAction(null, { fieldId: field!.id })).toMatchObject({ ok: true });
    const trail = await f.h.db.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorEmail, "owner@isv.example"));
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(["offer.updated", "plan.updated", "onboarding_field.added", "onboarding_field.removed"]),
    );
  });
});
