import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, API, buy, checkedFetch, kim, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import type { PortalUser } from "@/lib/auth";
import { listAuditEvents } from "@/db/queries/audit-events";
import { ensureOffer } from "@/db/queries/catalogue";
import { upsertSelfServiceSettings } from "@/db/queries/self-service";
import { updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import { loadBuyerActivity } from "./buyer-activity";
import { subscriptionValues } from "./from-marketplace";
import { changeAsBuyer, selfServiceOptions } from "./self-service";
import { getSubscriptionById } from "@/db/queries/subscriptions";

const alexUser: PortalUser = { id: randomUUID(), email: alex.email, name: "Alex", tenantId: alex.tenantId };
const kimUser: PortalUser = { id: randomUUID(), email: kim.email, name: "Kim", tenantId: kim.tenantId };

describe.each(testDatabases("one"))("a buyer's own changes on %s", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    client = createMarketplaceClient({
      baseUrl: API,
      fetch: (input, init) => checkedFetch(new Request(input, init)),
      getToken: () => h.mintToken(),
      retry: { maxAttempts: 1 },
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset({ operationDelayMs: 60_000 }));

  async function seats(quantity = 10) {
    const { subscriptionId } = await buy(h, {
      purchaser: alex,
      autoActivate: true,
      offerId: "contoso-teamwork",
      planId: "business",
      quantity,
    });
    await upsertSubscription(h.db.db, subscriptionValues(await client.getSubscription(subscriptionId)));
    await updateSubscription(h.db.db, subscriptionId, { provisioningState: "active" });
    return subscriptionId;
  }
  const deps = () => ({ db: h.db.db, client });
  const calls = async (id: string) => (await h.call("GET", `/_sim/subscriptions/${id}`)).body.apiCalls as Record<string, number>;

  it("changes seats once, audited as the buyer, and then locks the subscription", async () => {
    const id = await seats();
    expect(await changeAsBuyer(deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 12 })).toMatchObject({ ok: true });
    expect((await calls(id)).patch).toBe(1);
    const [event] = await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({
      action: "subscription.quantity_change_requested",
      actorType: "user",
      actorId: alexUser.id,
      actorEmail: alex.email,
      changes: { quantity: { from: 10, to: 12 } },
    });
    const [entry] = await loadBuyerActivity(h.db.db, id, alexUser);
    expect(entry).toMatchObject({ kind: "seatsRequested", who: "you", value: "12" });
    expect((await loadBuyerActivity(h.db.db, id, { ...alexUser, id: randomUUID() }))[0]).toMatchObject({ who: "someone" });

    // Replayed, or anything else while Microsoft completes it: refused without calling Microsoft.
    expect(await changeAsBuyer(deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 12 })).toEqual({
      ok: false,
      code: "change-busy",
    });
    expect(await changeAsBuyer(deps(), alexUser, { change: "cancel", subscriptionId: id, reason: "" })).toMatchObject({
      code: "change-busy",
    });
    expect((await calls(id)).patch).toBe(1);
    expect((await calls(id)).delete ?? 0).toBe(0);
  });

  it("answers someone else's subscription and an unknown ID alike, and changes nothing", async () => {
    const id = await seats();
    const other = await changeAsBuyer(deps(), kimUser, { change: "cancel", subscriptionId: id, reason: "x" });
    const unknown = await changeAsBuyer(deps(), kimUser, { change: "cancel", subscriptionId: randomUUID(), reason: "x" });
    expect(other).toEqual({ ok: false, code: "subscription-unknown" });
    expect(unknown).toEqual(other);
    expect(await changeAsBuyer(deps(), kimUser, { change: "seats", subscriptionId: id, quantity: 11 })).toEqual(other);
    expect(await calls(id)).toMatchObject({ patch: 0, delete: 0 });
    expect(await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id })).toEqual([]);
  });

  it("keeps to the plan's seat range, the offer's settings and Microsoft's allowed operations", async () => {
    const id = await seats();
    expect(await changeAsBuyer(deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 2 })).toMatchObject({
      ok: false,
      code: "change-invalid",
      field: "quantity",
      problem: "range",
      range: { min: 5, max: 5000 },
    });

    await ensureOffer(h.db.db, { id: "contoso-teamwork", displayName: "Contoso Teamwork" });
    await upsertSelfServiceSettings(h.db.db, "contoso-teamwork", { changeSeats: false, changePlan: true, cancel: false });
    const sub = (await getSubscriptionById(h.db.db, id))!;
    expect(await selfServiceOptions(h.db.db, sub)).toEqual({ seats: false, plan: true, cancel: false, locked: false });
    expect(await changeAsBuyer(deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 12 })).toEqual({
      ok: false,
      code: "self-service-off",
    });
    expect(await changeAsBuyer(deps(), alexUser, { change: "cancel", subscriptionId: id, reason: "" })).toEqual({
      ok: false,
      code: "self-service-off",
    });

    // A CSP purchase: the customer's partner changes it, never the customer.
    await updateSubscription(h.db.db, id, { allowedCustomerOperations: ["Read"] });
    const csp = (await getSubscriptionById(h.db.db, id))!;
    expect(await selfServiceOptions(h.db.db, csp)).toMatchObject({ seats: false, plan: false, cancel: false });
    expect(await changeAsBuyer(deps(), alexUser, { change: "plan", subscriptionId: id, planId: "team" })).toEqual({
      ok: false,
      code: "change-not-allowed",
    });
    expect(await calls(id)).toMatchObject({ patch: 0, delete: 0 });
  });
});
