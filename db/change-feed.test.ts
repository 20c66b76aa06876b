import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { listenForChanges, type ChangeFeed } from "./change-feed";
import { insertAuditEvent } from "./queries/audit-events";
import { finishSyncRun, insertSyncRun, updateSyncProgress } from "./queries/sync";
import { updateSubscription, upsertSubscription } from "./queries/subscriptions";
import { webhookInbox } from "./schema";

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(testDatabases("both"))("the change feed on %s", (kind) => {
  let t: TestDatabase;
  let feed: ChangeFeed;
  const heard: string[] = [];
  let gaps = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    feed = await listenForChanges(t, { onChange: (id) => heard.push(id), onGap: () => gaps++ });
  });
  afterAll(async () => {
    await feed?.close();
    await t?.close();
  });

  const subscription = () => ({
    id: randomUUID(),
    name: "Contoso analytics",
    offerId: "contoso-analytics",
    planId: "basic",
    status: "Subscribed" as const,
    purchaserEmail: "alex@contoso.example",
    purchaserTenantId: randomUUID(),
  });
  /** A marker row after the step: once it is heard, everything the step committed has been heard. */
  const settle = async () => {
    const marker = randomUUID();
    await insertAuditEvent(t.db, { actorType: "system", action: "test.marker", targetType: "subscription", targetId: marker });
    await until(() => heard.includes(marker));
    const before = heard.splice(0, heard.length);
    return before.slice(0, before.indexOf(marker));
  };

  it("announces a committed change by the subscription's ID, and nothing for a rolled-back one or an update that changes nothing", async () => {
    const s = subscription();
    await upsertSubscription(t.db, s);
    expect(await settle()).toContain(s.id);

    await updateSubscription(t.db, s.id, { quantity: 20 });
    expect(await settle()).toContain(s.id);

    await t.db.execute(sql`UPDATE subscriptions SET quantity = quantity WHERE id = ${s.id}`);
    expect(await settle()).toEqual([]);

    await t.db
      .transaction(async (tx) => {
        await updateSubscription(tx, s.id, { quantity: 30 });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await settle()).toEqual([]);
  });

  it("announces a webhook call for a malformed subscription ID as '' and still stores it", async () => {
    const long = "x".repeat(9_000);
    await t.db.insert(webhookInbox).values({ operationId: randomUUID(), subscriptionId: long, action: "Suspend", payload: {} });
    expect(await settle()).toEqual([""]);
  });

  it("announces each step of a sync run as 'sync', the sync page's signal", async () => {
    const run = await insertSyncRun(t.db, { trigger: "manual", startedBy: "owner@isv.example" });
    expect(run).toBeDefined();
    expect(await settle()).toEqual(["sync"]);
    const counts = { pages: 1, seen: 100, imported: 0, updated: 0, drifted: 0 };
    expect(await updateSyncProgress(t.db, run!.id, counts)).toBe(true);
    expect(await settle()).toEqual(["sync"]);
    await finishSyncRun(t.db, run!.id, { ...counts, status: "succeeded" });
    expect(await settle()).toEqual(["sync"]);
  });

  it.runIf(kind === "postgres")("reconnects after losing its connection and reports the gap", async () => {
    await t.db.execute(
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await until(() => gaps > 0, 20_000);
    const s = subscription();
    await upsertSubscription(t.db, s);
    expect(await settle()).toContain(s.id);
  });
});
