import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIMULATOR_SIGNIN_CLIENT_ID } from "../constants";
import { testDatabases } from "@/test/db";
import { eq } from "drizzle-orm";
import { simPlans } from "../schema";
import { FABRIKAM_PRIVATE_OFFER_ID } from "../seed-data";
import { alex, buy, kim, startHarness, V, type SimHarness } from "../testing/harness";

describe.each(testDatabases("one"))("reading subscriptions and plans on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  it("answers an empty body when there are no subscriptions, as the real service", async () => {
    const res = await h.call("GET", `/saas/subscriptions?${V}`, { contractDeviations: [/documents a JSON body, none was sent/] });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
  });

  it("pages 250 subscriptions 100 at a time with a complete @nextLink", async () => {
    const bought = new Set<string>();
    for (let i = 0; i < 250; i++) {
      const p = await buy(h, {
        offerId: i % 2 ? "contoso-analytics" : "contoso-teamwork",
        planId: i % 2 ? "starter" : "team",
        purchaser: alex,
      });
      bought.add(p.subscriptionId);
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let url: string | undefined = `/saas/subscriptions/?${V}`;
    while (url) {
      const res = await h.call("GET", url);
      expect(res.status).toBe(200);
      sizes.push(res.body.subscriptions.length);
      seen.push(...res.body.subscriptions.map((s: { id: string }) => s.id));
      url = res.body["@nextLink"];
      if (url) {
        const next = new URL(url);
        expect(next.origin + next.pathname).toBe("http://localhost:3000/api/simulator/saas/subscriptions");
        expect(next.searchParams.get("api-version")).toBe("2018-08-31");
        expect(next.searchParams.get("continuationToken")).toBeTruthy();
      }
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen)).toEqual(bought);
  });

  it("refuses a forged continuation token", async () => {
    await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    const res = await h.call("GET", `/saas/subscriptions?${V}&continuationToken=garbage`, {
      contractDeviations: [/does not document status 400/],
    });
    expect(res.status).toBe(400);
  });

  it("returns one subscription, 404 for an unknown or malformed ID", async () => {
    const p = await buy(h, {
      offerId: "contoso-teamwork",
      planId: "business",
      quantity: 7,
      purchaser: alex,
      beneficiary: { email: "sam@contoso.example", tenantId: alex.tenantId },
    });
    const res = await h.call("GET", `/saas/subscriptions/${p.subscriptionId}?${V}`);
    expect(res.body).toMatchObject({
      id: p.subscriptionId,
      publisherId: "contoso-isv",
      quantity: 7,
      purchaser: { emailId: "alex@contoso.example", objectId: "c0a70500-a1e0-4000-8000-000000000011" },
      beneficiary: { emailId: "sam@contoso.example", objectId: "c0a70500-5a30-4000-8000-000000000012" },
      allowedCustomerOperations: ["Read", "Update", "Delete"],
      sandboxType: "None",
      sessionMode: "None",
      autoRenew: true,
    });
    expect((await h.call("GET", `/saas/subscriptions/0b0e0000-0000-4000-8000-000000000000?${V}`)).status).toBe(404);
    expect((await h.call("GET", `/saas/subscriptions/not-a-guid?${V}`)).status).toBe(404);
  });

  it("omits quantity for flat-rate plans", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    const res = await h.call("GET", `/saas/subscriptions/${p.subscriptionId}?${V}`);
    expect(res.body).not.toHaveProperty("quantity");
  });

  it("lists the plans a beneficiary may move to; private plans only for their audience", async () => {
    const contoso = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    const fabrikam = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: kim });
    const ids = async (id: string) =>
      (await h.call("GET", `/saas/subscriptions/${id}/listAvailablePlans?${V}`)).body.plans.map((p: { planId: string }) => p.planId);
    expect(await ids(contoso.subscriptionId)).toEqual(["starter", "professional", "enterprise"]);
    expect(await ids(fabrikam.subscriptionId)).toEqual(["starter", "professional", "enterprise", "fabrikam-enterprise"]);
  });

  it("filters by planId; the purchased private plan names its private offer", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "fabrikam-enterprise", purchaser: kim });
    const current = await h.call("GET", `/saas/subscriptions/${p.subscriptionId}/listAvailablePlans?${V}&planId=fabrikam-enterprise`);
    expect(current.body.plans).toHaveLength(1);
    expect(current.body.plans[0]).toMatchObject({
      planId: "fabrikam-enterprise",
      isPrivate: true,
      market: "GB",
      sourceOffers: [{ externalId: FABRIKAM_PRIVATE_OFFER_ID }],
    });
    expect(current.body.plans[0].planComponents.recurrentBillingTerms.map((t: { termUnit: string }) => t.termUnit)).toEqual(["P1Y", "P3Y"]);
    const other = await h.call("GET", `/saas/subscriptions/${p.subscriptionId}/listAvailablePlans?${V}&planId=professional`);
    expect(other.body.plans[0]).not.toHaveProperty("sourceOffers");
    expect(other.body.plans[0].planComponents.meteringDimensions.map((d: { id: string }) => d.id)).toEqual(["api-calls", "storage-gb"]);
    const none = await h.call("GET", `/saas/subscriptions/${p.subscriptionId}/listAvailablePlans?${V}&planId=nope`);
    expect(none.body).toEqual({ plans: [] });
  });

  it("keeps a stop-sell plan visible to its current subscribers only", async () => {
    const current = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    const other = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    await h.db.db.update(simPlans).set({ isStopSell: true }).where(eq(simPlans.planId, "starter"));
    const ids = async (id: string) =>
      (await h.call("GET", `/saas/subscriptions/${id}/listAvailablePlans?${V}`)).body.plans.map((p: { planId: string }) => p.planId);
    expect(await ids(current.subscriptionId)).toContain("starter");
    expect(await ids(other.subscriptionId)).not.toContain("starter");
    // Stop-sell plans cannot be bought.
    expect(
      (await h.call("POST", "/_sim/purchases", { body: { offerId: "contoso-analytics", planId: "legacy-basic", purchaser: alex } })).status,
    ).toBe(400);
  });

  it("answers 404 for an unknown subscription and 403 for an unsubscribed one", async () => {
    expect((await h.call("GET", `/saas/subscriptions/0b0e0000-0000-4000-8000-000000000000/listAvailablePlans?${V}`)).status).toBe(404);
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await h.call("POST", `/_sim/subscriptions/${p.subscriptionId}/unsubscribe`);
    expect((await h.call("GET", `/saas/subscriptions/${p.subscriptionId}/listAvailablePlans?${V}`)).status).toBe(403);
  });

  describe("versioning and authentication", () => {
    it("requires api-version=2018-08-31", async () => {
      const missing = await h.call("POST", "/saas/subscriptions/resolve", { headers: { "x-ms-marketplace-token": "x" } });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ Error: { Code: "ApiVersionUnspecified", Message: expect.any(String) } });
      const wrong = await h.call("GET", "/saas/subscriptions?api-version=2022-01-01", {
        contractDeviations: [/does not document status 400/],
      });
      expect(wrong.body.Error.Code).toBe("UnsupportedApiVersion");
    });

    it("answers 401 without a valid bearer token", async () => {
      const deviation = { contractDeviations: [/does not document status 401/] };
      const none = await h.call("GET", `/saas/subscriptions?${V}`, { token: null, ...deviation });
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await h.call("GET", `/saas/subscriptions?${V}`, { token: "abc.def.ghi", ...deviation })).status).toBe(401);
      const token = await h.mintToken();
      const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
      expect((await h.call("GET", `/saas/subscriptions?${V}`, { token: tampered, ...deviation })).status).toBe(401);
    });

    it("answers 403 to a genuine token issued for another resource", async () => {
      const token = await h.mintToken(`${SIMULATOR_SIGNIN_CLIENT_ID}/.default`);
      const res = await h.call("GET", `/saas/subscriptions?${V}`, { token });
      expect(res.status).toBe(403);
    });

    it("checks tokens on the metering API too", async () => {
      const res = await h.call("POST", `/usageEvent?${V}`, { token: null, body: {}, contractDeviations: [/does not document status 401/] });
      expect(res.status).toBe(401);
    });
  });
});
