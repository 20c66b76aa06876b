import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, kim, startHarness, type SimHarness } from "../testing/harness";
import { buyFromForm, customerActionFromForm } from "./forms";
import { loadStorefront, loadSubscriptionsPage } from "./views";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(testDatabases("one"))("storefront forms on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const buyer = { purchaserName: "Alex Wilber", purchaserEmail: alex.email, purchaserTenantId: alex.tenantId };

  it("buys from the form and hands back the landing URL", async () => {
    const res = await buyFromForm(
      h.db.db,
      form({ offerId: "contoso-teamwork", planId: "business", termUnit: "P3Y", quantity: "12", ...buyer }),
      new Date(),
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data!.landingUrl).toMatch(/^http:\/\/localhost:3000\/landing\?token=/);
    const sub = (await h.call("GET", `/_sim/subscriptions/${res.data!.subscriptionId}`)).body;
    expect(sub).toMatchObject({
      planId: "business",
      quantity: 12,
      term: { termUnit: "P3Y" },
      saasSubscriptionStatus: "PendingFulfillmentStart",
    });
  });

  it("returns field errors for bad input instead of throwing", async () => {
    const res = await buyFromForm(
      h.db.db,
      form({ offerId: "", planId: "starter", termUnit: "P9Y", purchaserEmail: "alex", purchaserTenantId: "contoso" }),
      new Date(),
    );
    expect(res).toMatchObject({ ok: false, error: expect.any(String) });
    expect(!res.ok && Object.keys(res.fieldErrors ?? {}).sort()).toEqual(["offerId", "purchaserEmail", "purchaserTenantId", "termUnit"]);
    const missingUser = await buyFromForm(
      h.db.db,
      form({ offerId: "contoso-analytics", planId: "starter", termUnit: "P1M", ...buyer, beneficiaryDiffers: "on" }),
      new Date(),
    );
    expect(!missingUser.ok && missingUser.fieldErrors).toMatchObject({
      beneficiaryEmail: expect.any(String),
      beneficiaryTenantId: expect.any(String),
    });
  });

  it("maps the catalogue's refusals onto the form's fields", async () => {
    const privatePlan = await buyFromForm(
      h.db.db,
      form({ offerId: "contoso-analytics", planId: "fabrikam-enterprise", termUnit: "P1Y", ...buyer }),
      new Date(),
    );
    expect(!privatePlan.ok && privatePlan.fieldErrors).toHaveProperty("planId");
    const seats = await buyFromForm(
      h.db.db,
      form({ offerId: "contoso-teamwork", planId: "business", termUnit: "P1M", quantity: "2", ...buyer }),
      new Date(),
    );
    expect(!seats.ok && seats.fieldErrors).toHaveProperty("quantity");
    const forFabrikam = await buyFromForm(
      h.db.db,
      form({
        offerId: "contoso-analytics",
        planId: "fabrikam-enterprise",
        termUnit: "P1Y",
        ...buyer,
        beneficiaryDiffers: "on",
        beneficiaryEmail: kim.email,
        beneficiaryTenantId: kim.tenantId,
        autoActivate: "on",
      }),
      new Date(),
    );
    expect(forFabrikam.ok).toBe(true);
  });

  it("runs customer actions and reports the webhook's answer", async () => {
    const bought = await buyFromForm(
      h.db.db,
      form({ offerId: "contoso-analytics", planId: "starter", termUnit: "P1M", ...buyer, autoActivate: "on" }),
      new Date(),
    );
    const id = bought.ok ? bought.data!.subscriptionId : "";
    const suspend = await customerActionFromForm(
      h.db.db,
      form({ subscriptionId: id, action: "suspend", planId: "professional", quantity: "" }),
      new Date(),
    );
    expect(suspend).toEqual({ ok: true, message: "Suspend: Succeeded (webhook answered 200)." });
    const again = await customerActionFromForm(h.db.db, form({ subscriptionId: id, action: "suspend" }), new Date());
    expect(again).toMatchObject({ ok: false });
    const manage = await customerActionFromForm(h.db.db, form({ subscriptionId: id, action: "manage-account" }), new Date());
    expect(manage.ok && manage.data?.landingUrl).toMatch(/\/landing\?token=/);
    expect(await customerActionFromForm(h.db.db, form({ subscriptionId: "x", action: "fly" }), new Date())).toMatchObject({
      ok: false,
      fieldErrors: { subscriptionId: expect.any(String), action: expect.any(String) },
    });
  });

  it("loads what the pages show", async () => {
    const store = await loadStorefront(h.db.db);
    expect(store.offers.flatMap((o) => o.plans.map((p) => p.planId))).not.toContain("legacy-basic");
    await buyFromForm(
      h.db.db,
      form({ offerId: "contoso-analytics", planId: "starter", termUnit: "P1M", ...buyer, autoActivate: "on" }),
      new Date(),
    );
    const page = await loadSubscriptionsPage(h.db.db, new Date());
    expect(page.subscriptions[0]).toMatchObject({ offerName: "Contoso Analytics", planName: "Starter", isPricePerSeat: false });
    expect(page.subscriptions[0]!.otherPlans.map((p) => p.planId)).toEqual(["professional", "enterprise"]);
    expect(page.deliveries).toEqual([expect.objectContaining({ action: "Subscribe", state: "delivered", lastStatusCode: 200 })]);
  });
});
