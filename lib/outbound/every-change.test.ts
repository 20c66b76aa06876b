import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gt } from "drizzle-orm";
import { insertOperation } from "@/db/queries/operations";
import { maxAuditEventId } from "@/db/queries/outbound";
import { auditEvents, plans, usageHours, type Subscription } from "@/db/schema";
import { FakeMarketplace, FAKE_OFFER } from "@/lib/jobs/testing/fake-marketplace";
import { deliver, local, work } from "@/lib/jobs/testing/worker-fixtures";
import type { MarketplaceClient } from "@/lib/marketplace";
import { submitClosedHours } from "@/lib/metering/submit";
import { HOUR_MS, hourOf } from "@/lib/metering/window";
import { confirmPurchase, activateSubscription, type Actor } from "@/lib/subscriptions/activate";
import { diffSubscription } from "@/lib/subscriptions/apply-subscription-values";
import { openPurchase } from "@/lib/subscriptions/landing";
import { trackPendingOperations } from "@/lib/subscriptions/track-operations";
import { saveAutoHealDrift } from "@/db/queries/sync";
import { acceptDrift } from "@/lib/sync/accept-drift";
import { runSync } from "@/lib/sync/run-sync";
import { captureLogs } from "@/test/console";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { EVENT_AUDIT_ACTIONS, OUTBOUND_EVENT_TYPES, eventTypeFor, type OutboundEventType } from "./event-types";

/**
 * Every path that writes the subscriptions table, by file. A file that starts writing it fails
 * the scan below until it is listed here and walked in the suite, with its audit action mapped.
 */
const SUBSCRIPTION_WRITERS: Record<string, string> = {
  "db/queries/subscriptions.ts": "upsertSubscription, updateSubscription: the queries the services below call",
  "db/queries/activation.ts": "claimProvisioning: the activation claim (activate.ts)",
  "db/queries/sync.ts": "upsertSyncedSubscriptions: the sync's page write (sync-page.ts)",
  "db/queries/catalogue.ts":
    "the subscription's market, learnt with its plans' prices (lib/catalogue/plan-prices.ts): not a change of the subscription",
  "lib/subscriptions/landing.ts": "walked: landing page, first visit and revisits",
  "lib/subscriptions/activate.ts": "walked: buyer confirmation, staff approval, activation failure",
  "lib/subscriptions/apply-operation.ts": "walked: webhooks, the operation tracker (staff changes), convergence",
  "lib/sync/sync-page.ts": "walked: sync import",
  "lib/sync/accept-drift.ts": "walked: accepted drift (and drift healing, the same path)",
};

/** Audit actions about subscriptions, usage and webhooks that are deliberately no outbound event. */
const NOT_EVENTS: Record<string, string> = {
  "subscription.activation_requested": "Microsoft has not confirmed the activation yet; subscription.activated follows",
  "subscription.plan_change_requested": "a request to Microsoft; its change is an event once Microsoft applies it",
  "subscription.quantity_change_requested": "a request to Microsoft; its change is an event once Microsoft applies it",
  "subscription.cancellation_requested": "a request to Microsoft; subscription.cancelled follows once Microsoft applies it",
  "subscription.change_refused": "Microsoft refused the portal's request: nothing changed",
  "subscription.change_unconfirmed": "the reply was lost: nothing changed yet",
  "subscription.transition_refused": "a notification that changed nothing; Microsoft's state, if it moved, is subscription.converged",
  "operation.failed": "a failed operation changed nothing at Microsoft",
  "operation.dropped": "a stale notification; Microsoft's state, if it moved, is subscription.converged",
  "operation.superseded": "Microsoft moved on; its state, if it moved, is subscription.converged",
  "webhook.replayed": "staff replayed an inbox row; its effect is its own event",
  "webhook.verification_failed": "a notification Microsoft does not confirm: nothing changed",
  "usage.posted": "usage recorded in the portal; usage.reported follows once Microsoft has it",
  "usage.imported": "usage recorded in the portal; usage.reported follows once Microsoft has it",
  "usage.late_moved": "usage moved between the portal's own hours",
  "usage.reconciled": "a comparison with Microsoft's records",
  "usage.schedule_created": "configuration",
  "usage.schedule_ended": "configuration",
};

const ROOT = process.cwd();
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === "testing" || e.name === "migrations" ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}
const ALL_SOURCES = ["app", "lib", "db"].flatMap(sources);

const WRITES = [
  /\b(?:insert|update|delete)\(\s*subscriptions\s*\)/,
  /insertFromJson\(\s*subscriptions\b/,
  // Raw SQL, as statements read (a comment's prose does not match).
  /\bupdate\s+"?subscriptions"?\s+set\b|\binsert\s+into\s+"?subscriptions"?\s*\(|\bdelete\s+from\s+"?subscriptions"?\s+where\b/i,
  /\b(?:updateSubscription|upsertSubscription|claimProvisioning|upsertSyncedSubscriptions)\(/,
];

describe("the paths that write a subscription and their audit actions", () => {
  it("lists every file that writes the subscriptions table", () => {
    const writers = ALL_SOURCES.filter((f) => WRITES.some((re) => re.test(readFileSync(path.join(ROOT, f), "utf8"))));
    expect(writers.sort()).toEqual(Object.keys(SUBSCRIPTION_WRITERS).sort());
  });

  it("maps every audit action about subscriptions, usage, webhooks and credentials to an event, or says why not", () => {
    const literal = /"((?:subscription|operation|usage|webhook|credential)\.[a-z_]+)"/g;
    const actions = new Set(ALL_SOURCES.flatMap((f) => [...readFileSync(path.join(ROOT, f), "utf8").matchAll(literal)].map((m) => m[1]!)));
    const types = new Set<string>(OUTBOUND_EVENT_TYPES);
    const unclassified = [...actions].filter((a) => !EVENT_AUDIT_ACTIONS.includes(a) && !(a in NOT_EVENTS) && !types.has(a));
    expect(unclassified).toEqual([]);
    for (const a of Object.keys(NOT_EVENTS)) expect(eventTypeFor({ action: a, changes: { status: { from: "a", to: "b" } } })).toBeNull();
  });
});

const buyer: Actor = { type: "user", id: randomUUID(), email: "kim@fabrikam.example" };
const staff: Actor = { type: "staff", id: null, email: "owner@isv.example" };

describe.each(testDatabases("one"))("exactly one event per change, whatever found it (%s)", (kind) => {
  let t: TestDatabase;
  const fake = new FakeMarketplace();
  const walked = new Set<string>();
  let activateFails = false;

  // Microsoft's side for the landing page and activation, over the same fake as the webhooks.
  const client = {
    resolve: async (token: string) => ({ subscriptionId: token, subscription: await fake.getSubscription(token) }),
    getSubscription: (id: string) => fake.getSubscription(id),
    listAvailablePlans: async () => [],
    activate: async (id: string) => {
      if (activateFails) throw new Error("activate refused");
      fake.subscriptions.get(id)!.saasSubscriptionStatus = "Subscribed";
    },
    listSubscriptions: async function* () {
      for (const id of fake.subscriptions.keys()) yield await fake.getSubscription(id);
    },
  } as unknown as MarketplaceClient;
  const deps = () => ({ db: t.db, client });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  /** Runs one path and returns the outbound events it produced, checking them against the row's change. */
  async function step(writer: string, subscriptionId: string, run: () => Promise<unknown>): Promise<OutboundEventType[]> {
    walked.add(writer);
    const before = await local(t.db, subscriptionId);
    const mark = await maxAuditEventId(t.db);
    await run();
    const after = await local(t.db, subscriptionId);
    const rows = await t.db.select().from(auditEvents).where(gt(auditEvents.id, mark)).orderBy(auditEvents.id);
    const events = rows.flatMap((e) => {
      const type = eventTypeFor(e);
      return type ? [type] : [];
    });
    const subscriptionEvents = events.filter((e) => e.startsWith("subscription."));
    // The activation claim ("activating") is the portal's lock, not news; everything else is a change.
    const change = after ? diffSubscription(before, after as Subscription) : {};
    if (change.provisioningState?.to === "activating") delete change.provisioningState;
    expect(subscriptionEvents, `${writer}: ${JSON.stringify(change)}`).toHaveLength(Object.keys(change).length > 0 ? 1 : 0);
    return events;
  }

  it("landing page, confirmation, activation and staff approval", async () => {
    const { id } = fake.addSubscription({ saasSubscriptionStatus: "PendingFulfillmentStart" });
    expect(await step("lib/subscriptions/landing.ts", id, () => openPurchase(deps(), id))).toEqual(["subscription.created"]);
    expect(await step("lib/subscriptions/landing.ts", id, () => openPurchase(deps(), id))).toEqual([]);
    // Microsoft's subscription changed between two visits: the revisit writes it, once.
    fake.subscriptions.get(id)!.beneficiary = { emailId: "lee@fabrikam.example", objectId: randomUUID(), tenantId: randomUUID() };
    expect(await step("lib/subscriptions/landing.ts", id, () => openPurchase(deps(), id))).toEqual(["subscription.updated"]);
    expect(
      await step("lib/subscriptions/activate.ts", id, () => confirmPurchase(deps(), { subscriptionId: id, actor: buyer, answers: {} })),
    ).toEqual(["subscription.activated"]);
    // Microsoft's Subscribe arrives after the landing page activated: no second activation.
    expect(
      await step(
        "lib/subscriptions/apply-operation.ts",
        id,
        async () => (await deliver(t.db, fake.operation(id, "Subscribe")), work(t.db, fake)),
      ),
    ).toEqual([]);

    const approved = fake.addSubscription({ saasSubscriptionStatus: "PendingFulfillmentStart", planId: "enterprise" });
    await openPurchase(deps(), approved.id);
    await t.db
      .insert(plans)
      .values({ offerId: FAKE_OFFER, planId: "enterprise", displayName: "Enterprise", activationMode: "staff_approved" });
    expect(
      await step("lib/subscriptions/activate.ts", approved.id, () =>
        confirmPurchase(deps(), { subscriptionId: approved.id, actor: buyer, answers: {} }),
      ),
    ).toEqual(["subscription.pending"]);
    activateFails = true;
    const logs = captureLogs("warn");
    try {
      expect(
        await step("lib/subscriptions/activate.ts", approved.id, () =>
          activateSubscription(deps(), { subscriptionId: approved.id, actor: staff }),
        ),
      ).toEqual(["subscription.activation_failed"]);
    } finally {
      logs.restore();
    }
    // The refusal is logged, not printed by the test run.
    expect(logs.lines.map((l) => l.msg)).toContain("activation failed");
    activateFails = false;
    expect(
      await step("lib/subscriptions/activate.ts", approved.id, () =>
        activateSubscription(deps(), { subscriptionId: approved.id, actor: staff }),
      ),
    ).toEqual(["subscription.activated"]);
  });

  it("webhooks, the tracker of staff changes, renewal, trial conversion and convergence", async () => {
    const { id } = fake.addSubscription({ quantity: 5, isFreeTrial: true });
    await openPurchase(deps(), id);
    const webhook = (action: string, opts: Parameters<FakeMarketplace["operation"]>[2]) =>
      step(
        "lib/subscriptions/apply-operation.ts",
        id,
        async () => (await deliver(t.db, fake.operation(id, action, opts)), work(t.db, fake)),
      );

    expect(await webhook("ChangePlan", { planId: "gold", effect: (s) => void (s.planId = "gold") })).toEqual(["subscription.changed"]);
    expect(await webhook("ChangeQuantity", { quantity: 8, effect: (s) => void (s.quantity = 8) })).toEqual(["subscription.changed"]);
    // The free trial's first renewal converts it: one event, the conversion.
    const renewal = (s: Record<string, unknown>) => {
      s.isFreeTrial = false;
      s.term = { termUnit: "P1M", startDate: "2026-12-01T00:00:00Z", endDate: "2026-12-31T00:00:00Z" };
    };
    expect(await webhook("Renew", { effect: renewal })).toEqual(["subscription.trial_converted"]);
    const renewAgain = (s: Record<string, unknown>) =>
      void (s.term = { termUnit: "P1M", startDate: "2027-01-01T00:00:00Z", endDate: "2027-01-31T00:00:00Z" });
    expect(await webhook("Renew", { effect: renewAgain })).toEqual(["subscription.renewed"]);
    expect(await webhook("Suspend", { effect: (s) => void (s.saasSubscriptionStatus = "Suspended") })).toEqual(["subscription.suspended"]);
    expect(await webhook("Reinstate", { effect: (s) => void (s.saasSubscriptionStatus = "Subscribed") })).toEqual([
      "subscription.reinstated",
    ]);
    // A notification Microsoft has moved past: its state is written as it is now, once.
    fake.subscriptions.get(id)!.quantity = 12;
    expect(await webhook("ChangePlan", { planId: "platinum" })).toEqual(["subscription.changed"]);

    // A change staff started, applied when the tracker sees Microsoft's operation succeed.
    const op = fake.operation(id, "ChangeQuantity", { quantity: 20, source: "Partner", effect: (s) => void (s.quantity = 20) });
    await insertOperation(t.db, {
      id: String(op.id),
      subscriptionId: id,
      action: "ChangeQuantity",
      status: "InProgress",
      source: "Partner",
      requestedQuantity: 20,
    });
    expect(await step("lib/subscriptions/apply-operation.ts", id, () => trackPendingOperations(t.db, fake))).toEqual([
      "subscription.changed",
    ]);
    // Its webhook arrives afterwards: already applied, nothing more.
    expect(await step("lib/subscriptions/apply-operation.ts", id, async () => (await deliver(t.db, op), work(t.db, fake)))).toEqual([]);

    expect(await webhook("Unsubscribe", { effect: (s) => void (s.saasSubscriptionStatus = "Unsubscribed") })).toEqual([
      "subscription.cancelled",
    ]);
  });

  it("sync import, accepted drift and healed drift", async () => {
    await saveAutoHealDrift(t.db, false, null);
    const found = fake.addSubscription();
    const known = fake.addSubscription();
    await openPurchase(deps(), known.id);
    fake.subscriptions.get(known.id)!.saasSubscriptionStatus = "Unsubscribed";
    fake.subscriptions.get(known.id)!.autoRenew = false;
    expect(await step("lib/sync/sync-page.ts", found.id, () => runSync(t.db, client))).toContain("subscription.created");
    // In review mode the sync records drift without writing it: no change, no event, until staff accept it.
    expect(await step("lib/sync/sync-page.ts", known.id, () => runSync(t.db, client))).toEqual([]);
    expect(
      await step("lib/sync/accept-drift.ts", known.id, () => acceptDrift(t.db, { subscriptionIds: [known.id], actor: staff })),
    ).toEqual(["subscription.cancelled"]);
    expect(await step("lib/sync/accept-drift.ts", known.id, () => acceptDrift(t.db, { subscriptionIds: "all", actor: staff }))).toEqual([]);

    // By default the sync heals drift itself (accept-drift.ts's healing path): one event per change, once.
    await saveAutoHealDrift(t.db, true, null);
    const healed = fake.addSubscription();
    await openPurchase(deps(), healed.id);
    fake.subscriptions.get(healed.id)!.saasSubscriptionStatus = "Suspended";
    expect(await step("lib/sync/accept-drift.ts", healed.id, () => runSync(t.db, client))).toEqual(["subscription.suspended"]);
    expect(await step("lib/sync/accept-drift.ts", healed.id, () => runSync(t.db, client))).toEqual([]);
  });

  it("usage reported, rejected, expired and near expiry, and dead letters: once per occurrence", async () => {
    const { id } = fake.addSubscription();
    await openPurchase(deps(), id);
    const now = new Date();
    const hour = (hoursAgo: number) => new Date(hourOf(now).getTime() - hoursAgo * HOUR_MS);
    const ready = (dimension: string, h: Date) => ({
      subscriptionId: id,
      dimension,
      hour: h,
      quantity: 3,
      reportedQuantity: 3,
      planId: "silver",
      status: "ready" as const,
    });
    await t.db
      .insert(usageHours)
      .values([ready("accepted", hour(2)), ready("refused", hour(2)), ready("late", hour(20)), ready("lost", hour(25))]);
    const answers: Record<string, string> = { accepted: "Accepted", refused: "InvalidDimension", late: "Error" };
    const metering = {
      postBatchUsageEvents: async (events: Array<{ resourceId: string; dimension: string; effectiveStartTime: Date }>) => ({
        count: events.length,
        results: events.map((e) => ({
          ...e,
          effectiveStartTime: e.effectiveStartTime.toISOString(),
          status: answers[e.dimension] ?? "Error",
          usageEventId: randomUUID(),
        })),
      }),
    } as unknown as Pick<MarketplaceClient, "postBatchUsageEvents">;
    const pass = () =>
      submitClosedHours(t.db, metering, { now, closeDelayMs: 0, log: { warn: () => {}, error: () => {}, info: () => {} } });
    expect((await step("lib/metering/submit.ts", id, pass)).sort()).toEqual([
      "usage.near_expiry",
      "usage.rejected",
      "usage.rejected",
      "usage.reported",
    ]);
    // The next pass: the late hour is retried, but warned about only once; nothing else is news.
    await t.db.update(usageHours).set({ nextAttemptAt: null });
    expect(await step("lib/metering/submit.ts", id, pass)).toEqual([]);

    const failing = new FakeMarketplace();
    failing.addSubscription({ id });
    failing.failures = 100;
    const payload = failing.operation(id, "Suspend");
    await deliver(t.db, payload);
    const deadLetter = () => work(t.db, failing, { retry: { maxAttempts: 1 } });
    expect(await step("lib/jobs/webhook-worker.ts", id, deadLetter)).toEqual(["webhook.dead_lettered"]);
    expect(await step("lib/jobs/webhook-worker.ts", id, deadLetter)).toEqual([]);
  });

  it("walked every writer that changes subscriptions", () => {
    const services = Object.entries(SUBSCRIPTION_WRITERS).filter(([, how]) => how.startsWith("walked"));
    expect(services.map(([file]) => file).filter((f) => !walked.has(f))).toEqual([]);
  });
});
