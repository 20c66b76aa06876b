import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getSubscriptionById, updateSubscription } from "@/db/queries/subscriptions";
import { countDrift, listDriftGroups, saveAutoHealDrift } from "@/db/queries/sync";
import { auditEvents, offers, planPrices, subscriptions } from "@/db/schema";
import { createMarketplaceClient } from "@/lib/marketplace";
import { alex, API, buy, checkedFetch } from "marketplace-simulator/testing";
import { testDatabases } from "@/test/db";
import { runSync } from "./run-sync";
import { startSyncFixture, type SyncFixture } from "./testing/fixture";
import { seedSimulatorSubscriptions } from "./testing/sim-subscriptions";

describe.each(testDatabases("one"))("reconciliation sync against the simulator on %s", (kind) => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture(kind);
  });
  afterAll(async () => f?.h.close());
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
    // Drift stays for staff here; heal-drift.test.ts covers the automatic path.
    await saveAutoHealDrift(f.h.db.db, false, null);
  });

  const auditFor = (action: string, runId: string) =>
    f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), sql`${auditEvents.metadata}->>'syncRunId' = ${runId}`));

  it("pages through more than 250 subscriptions and imports every unknown one, once", async () => {
    const pending = await buy(f.h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    const seeded = await seedSimulatorSubscriptions(f.h.db.db, 260);

    const run = await runSync(f.h.db.db, f.client, { startedBy: "operator@isv.example" });
    expect(run).toMatchObject({
      status: "succeeded",
      trigger: "manual",
      pages: 3,
      seen: 261,
      imported: 261,
      drifted: 0,
      missing: 0,
      error: null,
    });
    expect(run!.finishedAt).toBeInstanceOf(Date);
    const [{ n }] = (await f.h.db.db.select({ n: sql<number>`count(*)::int` }).from(subscriptions)) as [{ n: number }];
    expect(n).toBe(261);

    const seat = await getSubscriptionById(f.h.db.db, seeded[1]!);
    expect(seat).toMatchObject({
      offerId: "contoso-teamwork",
      planId: "team",
      quantity: 6,
      status: "Subscribed",
      provisioningState: "active",
      purchaserEmail: "buyer1@contoso.example",
    });
    expect(seat!.termStartDate).toBeInstanceOf(Date);
    expect(seat!.activatedAt).toEqual(seat!.termStartDate);
    expect(seat!.lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(run!.startedAt.getTime());
    // A purchase the buyer has not opened the landing page for yet: known now, still waiting for them.
    expect(await getSubscriptionById(f.h.db.db, pending.subscriptionId)).toMatchObject({
      status: "PendingFulfillmentStart",
      provisioningState: "new",
      activatedAt: null,
    });

    expect(await auditFor("subscription.imported", run!.id)).toHaveLength(261);
    const [completed] = await f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sync.completed"), eq(auditEvents.targetId, run!.id)));
    expect(completed).toMatchObject({
      actorType: "system",
      correlationId: run!.correlationId,
      metadata: { seen: 261, imported: 261, startedBy: "operator@isv.example" },
    });
    expect((await f.h.db.db.select().from(offers)).map((o) => o.id).sort()).toEqual(["contoso-analytics", "contoso-teamwork"]);

    // Everything is known now: a second walk imports nothing and finds nothing to report.
    const again = await runSync(f.h.db.db, f.client);
    expect(again).toMatchObject({ status: "succeeded", seen: 261, imported: 0, drifted: 0, updated: 0, missing: 0 });
    expect(await auditFor("subscription.imported", again!.id)).toHaveLength(0);
    // Nothing changed, so nothing is rewritten: the row keeps the stamp of the run that wrote it.
    expect((await getSubscriptionById(f.h.db.db, seeded[1]!))!.lastSyncedAt).toEqual(seat!.lastSyncedAt);
  });

  it("loads the plans and their prices in each buyer's market after the run, with no staff click", async () => {
    const bought = await buy(f.h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    expect(await runSync(f.h.db.db, f.client)).toMatchObject({ status: "succeeded" });
    const prices = await f.h.db.db.select().from(planPrices).where(eq(planPrices.offerId, "contoso-analytics"));
    expect(prices.map((p) => `${p.planId}@${p.market}`)).toContain("professional@US");
    expect(prices.find((p) => p.planId === "professional")!.billingTerms[0]).toMatchObject({ currency: "USD" });
    expect((await getSubscriptionById(f.h.db.db, bought.subscriptionId))?.market).toBe("US");
  });

  it("records drift field by field and leaves our values alone until someone accepts", async () => {
    const [a, b, c] = await seedSimulatorSubscriptions(f.h.db.db, 3);
    await runSync(f.h.db.db, f.client);

    // Microsoft suspends one (payment failed) and we missed the webhook; our copy of another was edited.
    expect((await f.h.call("POST", `/_sim/subscriptions/${c}/suspend`, { body: {} })).status).toBe(200);
    await updateSubscription(f.h.db.db, b!, { quantity: 99, autoRenew: false });

    const run = await runSync(f.h.db.db, f.client);
    expect(run).toMatchObject({ status: "succeeded", seen: 3, imported: 0, drifted: 2 });
    const groups = await listDriftGroups(f.h.db.db);
    const byId = Object.fromEntries(
      groups.map((g) => [g.subscriptionId, g.drifts.map((d) => [d.field, d.localValue, d.marketplaceValue])]),
    );
    expect(byId[c!]).toEqual([["status", "Subscribed", "Suspended"]]);
    expect(byId[b!]).toEqual([
      ["autoRenew", false, true],
      ["quantity", 99, 6],
    ]);
    expect(byId[a!]).toBeUndefined();
    expect(await getSubscriptionById(f.h.db.db, c!)).toMatchObject({ status: "Subscribed", provisioningState: "active" });

    // The difference disappears on its own (e.g. a late webhook): the next run forgets it.
    await updateSubscription(f.h.db.db, b!, { quantity: 6, autoRenew: true });
    const third = await runSync(f.h.db.db, f.client);
    expect(third).toMatchObject({ drifted: 1 });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 1, fields: 1 });
  });

  it("counts local subscriptions Microsoft no longer lists", async () => {
    await seedSimulatorSubscriptions(f.h.db.db, 2);
    await runSync(f.h.db.db, f.client);
    await f.h.reset();
    await seedSimulatorSubscriptions(f.h.db.db, 1);
    expect(await runSync(f.h.db.db, f.client)).toMatchObject({ status: "succeeded", seen: 1, imported: 1, missing: 2 });
  });

  it("closes the run as failed, with what it managed, when Microsoft's list fails", async () => {
    await seedSimulatorSubscriptions(f.h.db.db, 150);
    // The first page is served, then Microsoft answers 500 (this client does not retry).
    let listCalls = 0;
    const flaky = createMarketplaceClient({
      baseUrl: API,
      getToken: () => f.h.mintToken(),
      retry: { maxAttempts: 1 },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).pathname.endsWith("/saas/subscriptions") && ++listCalls === 2) {
          return Response.json({ error: { code: "InternalServerError", message: "A transient error occurred." } }, { status: 500 });
        }
        return checkedFetch(request);
      },
    });
    const run = await runSync(f.h.db.db, flaky);
    expect(run).toMatchObject({ status: "failed", pages: 1, seen: 100, imported: 100 });
    expect(run!.error).toMatch(/MarketplaceApiError/);
    const [failed] = await f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sync.failed"), eq(auditEvents.targetId, run!.id)));
    expect(failed?.metadata).toMatchObject({ seen: 100, error: run!.error });

    // Nothing is left half-done: the next run finishes the job and imports only the rest.
    expect(await runSync(f.h.db.db, f.client)).toMatchObject({ status: "succeeded", seen: 150, imported: 50 });
  });
});
