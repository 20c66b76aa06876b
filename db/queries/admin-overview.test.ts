import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { marketplaceOperations, offers, plans, subscriptions, webhookInbox, type NewSubscription } from "../schema";
import {
  estimateMonthlyRevenue,
  getDailyActivity,
  getProblemSummary,
  getStatusSummary,
  listActiveByPlan,
  listPendingActivations,
} from "./admin-overview";

const NOW = new Date("2026-03-31T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("monthly revenue estimate", () => {
  const row = (over: Partial<Parameters<typeof estimateMonthlyRevenue>[0][number]>) => ({
    offerId: "o",
    offerName: null,
    planId: "p",
    planName: null,
    pricingModel: "flat_rate" as const,
    termUnit: "P1M" as const,
    billingTerms: [
      { termUnit: "P1M", price: 30, currency: "USD" },
      { termUnit: "P1Y", price: 240, currency: "USD" },
    ],
    subscriptions: 1,
    seats: 0,
    freeTrials: 0,
    ...over,
  });

  it("normalises yearly and multi-year prices per month and multiplies seats for per-user plans", () => {
    const estimate = estimateMonthlyRevenue([
      row({ subscriptions: 2 }), // 2 × 30
      row({ termUnit: "P1Y", subscriptions: 3 }), // 3 × 240/12
      row({ termUnit: "P3Y", billingTerms: [{ termUnit: "P3Y", price: 3600, currency: "EUR" }] }), // 3600/36
      row({ pricingModel: "per_user", billingTerms: [{ termUnit: "P1M", price: 5, currency: "USD" }], subscriptions: 2, seats: 30 }), // 30 seats × 5
    ]);
    expect(estimate.monthly).toEqual([
      { currency: "USD", amount: 270 },
      { currency: "EUR", amount: 100 },
    ]);
  });

  it("leaves out free trials and counts subscriptions it cannot price", () => {
    const estimate = estimateMonthlyRevenue([
      row({ subscriptions: 4, freeTrials: 1 }),
      row({ termUnit: "P2Y", subscriptions: 2 }), // no P2Y price and two terms to choose from
      row({ billingTerms: null, subscriptions: 5 }),
    ]);
    expect(estimate).toEqual({ monthly: [{ currency: "USD", amount: 90 }], freeTrials: 1, unpriced: 7 });
  });
});

describe.each(testDatabases("both"))("overview queries on %s", (kind) => {
  let t: TestDatabase;
  const sub = (over: Partial<NewSubscription>): NewSubscription => ({
    id: randomUUID(),
    name: "s",
    offerId: "analytics",
    planId: "gold",
    status: "Subscribed",
    termUnit: "P1M",
    createdAt: daysAgo(40),
    ...over,
  });
  const pendingOld = sub({ status: "PendingFulfillmentStart", termUnit: null, marketplaceCreatedAt: daysAgo(27), createdAt: daysAgo(1) });
  const pendingNew = sub({ status: "PendingFulfillmentStart", termUnit: null, createdAt: daysAgo(2) });
  const cancelledByOp = sub({ status: "Unsubscribed" });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(offers).values({ id: "analytics", displayName: "Contoso Analytics" });
    await t.db.insert(plans).values([
      {
        offerId: "analytics",
        planId: "gold",
        displayName: "Gold",
        billingTerms: [
          { termUnit: "P1M", price: 100, currency: "USD" },
          { termUnit: "P1Y", price: 960, currency: "USD" },
        ],
      },
      {
        offerId: "analytics",
        planId: "seats",
        displayName: "Seats",
        pricingModel: "per_user",
        billingTerms: [{ termUnit: "P1M", price: 10, currency: "USD" }],
      },
    ]);
    await t.db
      .insert(subscriptions)
      .values([
        sub({}),
        sub({ termUnit: "P1Y", createdAt: daysAgo(3) }),
        sub({ isTest: true }),
        sub({ sessionMode: "DryRun" }),
        sub({ isFreeTrial: true, createdAt: daysAgo(0) }),
        sub({ planId: "seats", quantity: 12 }),
        sub({ planId: "seats", quantity: 8 }),
        sub({ status: "Suspended" }),
        pendingOld,
        pendingNew,
        cancelledByOp,
      ]);
    await t.db.insert(marketplaceOperations).values([
      {
        id: randomUUID(),
        subscriptionId: cancelledByOp.id,
        action: "Unsubscribe",
        status: "Succeeded",
        source: "Azure",
        completedAt: daysAgo(5),
      },
      {
        id: randomUUID(),
        subscriptionId: cancelledByOp.id,
        action: "ChangePlan",
        status: "Failed",
        source: "Partner",
        errorMessage: "plan gone",
        completedAt: daysAgo(6),
      },
    ]);
    await t.db.insert(webhookInbox).values([
      {
        operationId: randomUUID(),
        subscriptionId: cancelledByOp.id,
        action: "Suspend",
        payload: {},
        state: "dead_letter",
        lastError: "boom",
      },
      { operationId: randomUUID(), subscriptionId: cancelledByOp.id, action: "Renew", payload: {}, state: "processed" },
    ]);
  });
  afterAll(async () => t?.close());

  it("counts statuses, telling test and dry-run purchases apart", async () => {
    const byStatus = Object.fromEntries((await getStatusSummary(t.db)).map((r) => [r.status, [r.total, r.test]]));
    expect(byStatus).toEqual({ Subscribed: [7, 2], Suspended: [1, 0], PendingFulfillmentStart: [2, 0], Unsubscribed: [1, 0] });
  });

  it("groups active billable subscriptions by plan and term, and prices them per month", async () => {
    const rows = await listActiveByPlan(t.db);
    expect(rows.map((r) => [r.planId, r.planName, r.termUnit, r.subscriptions, r.seats, r.freeTrials])).toEqual([
      ["gold", "Gold", "P1M", 2, 0, 1],
      ["gold", "Gold", "P1Y", 1, 0, 0],
      ["seats", "Seats", "P1M", 2, 20, 0],
    ]);
    // 100 + 960/12 + 20 seats × 10
    expect(estimateMonthlyRevenue(rows)).toEqual({ monthly: [{ currency: "USD", amount: 380 }], freeTrials: 1, unpriced: 0 });
  });

  it("lists pending purchases oldest first by Microsoft's purchase date", async () => {
    const pending = await listPendingActivations(t.db);
    expect(pending.total).toBe(2);
    expect(pending.rows.map((r) => r.id)).toEqual([pendingOld.id, pendingNew.id]);
    expect(pending.rows[0]?.since).toEqual(daysAgo(27));
  });

  it("gives new and cancelled subscriptions for each of the last 30 days", async () => {
    const days = await getDailyActivity(t.db, 30, NOW);
    expect(days).toHaveLength(30);
    expect(days.at(-1)?.day).toBe("2026-03-31");
    const on = (d: number) => days.find((x) => x.day === daysAgo(d).toISOString().slice(0, 10));
    expect(on(0)?.created).toBe(1);
    expect(on(3)?.created).toBe(1);
    expect(on(5)?.cancelled).toBe(1);
    expect(days.reduce((n, d) => n + d.created, 0)).toBe(4);
  });

  it("summarises failed operations and webhook errors", async () => {
    const problems = await getProblemSummary(t.db, daysAgo(30));
    expect(problems).toMatchObject({ failedOperations: 1, webhookErrors: 1 });
    expect(problems.latestFailedOperations[0]).toMatchObject({ action: "ChangePlan", errorMessage: "plan gone" });
    expect(problems.latestWebhookErrors[0]).toMatchObject({ action: "Suspend", state: "dead_letter", lastError: "boom" });
  });
});
