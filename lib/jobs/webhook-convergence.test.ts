import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { openDatabase, type Db, type DatabaseHandle } from "@/db/client";
import { webhookInbox } from "@/db/schema";
import type { MarketplaceClient } from "@/lib/marketplace";
import { compareSubscription } from "@/lib/sync/drift-fields";
import { subscriptionValues } from "@/lib/subscriptions/from-marketplace";
import { buy, kim, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { simulatorClient } from "@/test/simulator-client";
import { testDatabases } from "@/test/db";
import { deliver, inboxRow, local, quiet } from "./testing/worker-fixtures";
import { processDueInboxItems } from "./webhook-worker";

type Payload = Record<string, unknown>;

// Convergence: once the inbox is drained, every Microsoft-owned field equals Microsoft's, whatever
// the order in which the notifications arrived.
describe.each(testDatabases("both"))("convergence with the marketplace simulator (%s)", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  let second: DatabaseHandle | undefined;
  let db2: Db;

  beforeAll(async () => {
    h = await startHarness(kind);
    client = simulatorClient(h);
    second = h.db.url ? openDatabase({ kind: "postgres", url: h.db.url }) : undefined;
    db2 = second?.db ?? h.db.db;
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  const work = (db: Db = h.db.db, limit = 20) => processDueInboxItems(db, client, { log: quiet, limit, random: () => 0.5 });

  /** A customer action at Microsoft; its webhook is captured by the harness, not delivered. */
  async function customer(subscriptionId: string, action: string, body?: unknown): Promise<Payload> {
    const before = h.webhooks.received.length;
    const res = await h.call("POST", `/_sim/subscriptions/${subscriptionId}/${action}`, { body: body ?? {} });
    expect(res.status, res.text).toBe(200);
    // Operations waiting for an answer complete when Microsoft's window closes (zero here) and they are next read.
    await client.getOperation(subscriptionId, (res.body as { operation: { id: string } }).operation.id);
    const payload = h.webhooks.received[before]?.payload;
    if (!payload) throw new Error(`no webhook for ${action}`);
    return payload as unknown as Payload;
  }

  async function purchase(): Promise<{ id: string; subscribe: Payload }> {
    const before = h.webhooks.received.length;
    const { subscriptionId } = await buy(h, {
      offerId: "contoso-teamwork",
      planId: "team",
      quantity: 10,
      purchaser: kim,
      autoActivate: true,
    });
    const subscribe = h.webhooks.received[before]?.payload as unknown as Payload | undefined;
    if (!subscribe) throw new Error("no Subscribe webhook");
    return { id: subscriptionId, subscribe };
  }

  async function drift(id: string) {
    const row = await local(h.db.db, id);
    if (!row) return "no local row";
    return compareSubscription(row, subscriptionValues(await client.getSubscription(id)));
  }

  async function stuck(ids: string[]) {
    const rows = await h.db.db.select().from(webhookInbox).where(inArray(webhookInbox.subscriptionId, ids));
    return rows.filter((r) => r.state === "received" || r.state === "processing").map((r) => `${r.action}: ${r.lastError}`);
  }

  it("finishes a Reinstate that a later Suspend overtook at Microsoft, and ends Suspended", async () => {
    await h.reset();
    const { id, subscribe } = await purchase();
    const suspend = await customer(id, "suspend");
    const reinstate = await customer(id, "reinstate");
    const suspendAgain = await customer(id, "suspend");
    for (const body of [subscribe, suspend, suspendAgain, reinstate]) await deliver(h.db.db, body);
    await work();
    expect(await stuck([id])).toEqual([]);
    expect(await drift(id)).toEqual([]);
    expect(await inboxRow(h.db.db, String(reinstate.id))).toMatchObject({
      state: "ignored",
      stateReason: expect.stringMatching(/^superseded/),
    });
  });

  it("finishes a Reinstate processed after the subscription was cancelled", async () => {
    await h.reset();
    const { id, subscribe } = await purchase();
    const suspend = await customer(id, "suspend");
    const reinstate = await customer(id, "reinstate");
    const unsubscribe = await customer(id, "unsubscribe");
    for (const body of [subscribe, suspend, unsubscribe]) await deliver(h.db.db, body);
    await work();
    await deliver(h.db.db, reinstate);
    await work();
    expect(await stuck([id])).toEqual([]);
    expect(await local(h.db.db, id)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });
  });

  it("applies Microsoft's values when a newer operation arrives before the Reinstate it depends on", async () => {
    await h.reset();
    const { id, subscribe } = await purchase();
    const suspend = await customer(id, "suspend");
    const reinstate = await customer(id, "reinstate");
    const renew = await customer(id, "renew");
    for (const body of [subscribe, suspend]) await deliver(h.db.db, body);
    await work();
    // Renew is refused while the portal still has the subscription Suspended; it must not make the Reinstate look stale.
    await deliver(h.db.db, renew);
    await work();
    await deliver(h.db.db, reinstate);
    await work();
    expect(await stuck([id])).toEqual([]);
    expect(await drift(id)).toEqual([]);
    expect(await local(h.db.db, id)).toMatchObject({ status: "Subscribed", provisioningState: "active" });
  });

  it("takes the subscription from Microsoft when a Suspend arrives before its Subscribe", async () => {
    await h.reset();
    const { id, subscribe } = await purchase();
    const suspend = await customer(id, "suspend");
    await deliver(h.db.db, suspend);
    await work();
    await deliver(h.db.db, subscribe);
    await work();
    expect(await stuck([id])).toEqual([]);
    expect(await drift(id)).toEqual([]);
    expect(await local(h.db.db, id)).toMatchObject({ status: "Suspended", provisioningState: "suspended" });
  });

  it("stores a customer's change that arrives before its Subscribe, answers 200 and applies it from Microsoft's state", async () => {
    await h.reset();
    const { id, subscribe } = await purchase();
    const quantity = await customer(id, "change-quantity", { quantity: 20 });
    // Microsoft does not retry a 4xx: refusing a change for a subscription the portal does not know yet would lose it.
    expect(await deliver(h.db.db, { ...quantity, status: "InProgress" })).toMatchObject({ status: 200, outcome: "queued" });
    expect(await inboxRow(h.db.db, String(quantity.id))).toMatchObject({ state: "received", decision: "accepted" });
    await work();
    await deliver(h.db.db, subscribe);
    await work();
    expect(await stuck([id])).toEqual([]);
    expect(await drift(id)).toEqual([]);
    expect(await local(h.db.db, id)).toMatchObject({ status: "Subscribed", quantity: 20, provisioningState: "active" });
  });

  it("stores and applies a change Microsoft redelivers as Succeeded, whatever the portal's policy says now", async () => {
    await h.reset();
    const { id, subscribe } = await purchase();
    await deliver(h.db.db, subscribe);
    await work();
    const quantity = await customer(id, "change-quantity", { quantity: 20 });
    await customer(id, "change-quantity", { quantity: 30 });
    const suspend = await customer(id, "suspend");
    await deliver(h.db.db, suspend);
    await work();
    // The first deliveries of the changes were lost; Microsoft sends one again once it has succeeded.
    const redelivered = await deliver(h.db.db, { ...quantity, status: "Succeeded" });
    expect(redelivered).toMatchObject({ status: 200, outcome: "queued" });
    await work();
    expect(await stuck([id])).toEqual([]);
    expect(await drift(id)).toEqual([]);
    expect(await local(h.db.db, id)).toMatchObject({ status: "Suspended", quantity: 30 });
    expect(await inboxRow(h.db.db, String(quantity.id))).toMatchObject({ decision: "accepted" });
  });

  it("two workers converge on shuffled, duplicated deliveries of the same subscriptions' operations", async () => {
    await h.reset();
    let seed = kind === "postgres" ? 7 : 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const ids: string[] = [];
    const bodies: Payload[] = [];
    for (let n = 0; n < 3; n++) {
      const { id, subscribe } = await purchase();
      ids.push(id);
      bodies.push(subscribe);
      let status = "Subscribed";
      let quantity = 10;
      let plan = "team";
      for (let step = 0; step < 8 && status !== "Unsubscribed"; step++) {
        const roll = random();
        if (status === "Suspended") {
          bodies.push(await customer(id, roll < 0.8 ? "reinstate" : "unsubscribe"));
          status = roll < 0.8 ? "Subscribed" : "Unsubscribed";
        } else if (roll < 0.35) {
          bodies.push(await customer(id, "suspend"));
          status = "Suspended";
        } else if (roll < 0.65) {
          bodies.push(await customer(id, "change-quantity", { quantity: (quantity += 1) }));
        } else if (roll < 0.8) {
          plan = plan === "team" ? "business" : "team";
          bodies.push(await customer(id, "change-plan", { planId: plan }));
        } else if (roll < 0.95) {
          bodies.push(await customer(id, "renew"));
        } else {
          bodies.push(await customer(id, "unsubscribe"));
          status = "Unsubscribed";
        }
      }
    }
    const deliveries = [...bodies, ...bodies.filter(() => random() < 0.3)];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    for (const body of deliveries) await deliver(random() < 0.5 ? h.db.db : db2, body);
    for (let round = 0; round < 40; round++) {
      const [a, b] = await Promise.all([work(h.db.db, 2), work(db2, 2)]);
      if (a.claimed + b.claimed === 0) break;
    }
    expect(await stuck(ids)).toEqual([]);
    for (const id of ids) expect({ id, drift: await drift(id) }).toEqual({ id, drift: [] });
  }, 120_000);
});
