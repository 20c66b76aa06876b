import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { marketplaceOperations, subscriptions, webhookInbox, type NewMarketplaceOperation, type NewWebhookInboxRow } from "../schema";
import { countInboxByState, countOperationViews, getSubscriptionNames, listAdminInbox, listAdminOperations } from "./admin-operations";

const SUB = "3a0f2c1e-0000-4000-8000-0000000000b1";
const OTHER = "3a0f2c1e-0000-4000-8000-0000000000b2";
// Every call at one instant: the ID breaks the tie, so paging neither repeats nor skips a row.
const SAME_INSTANT = new Date(Date.UTC(2026, 2, 1, 12));

describe.each(testDatabases("both"))("operations and inbox queries on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(subscriptions).values({ id: SUB, name: "Contoso HQ", offerId: "o", planId: "p", status: "Subscribed" });
    const op = (over: Partial<NewMarketplaceOperation>): NewMarketplaceOperation => ({
      id: randomUUID(),
      subscriptionId: SUB,
      action: "ChangePlan",
      status: "Succeeded",
      source: "Azure",
      completedAt: new Date(),
      ...over,
    });
    await t.db
      .insert(marketplaceOperations)
      .values([
        op({ status: "InProgress", completedAt: null, source: "Partner", requestedBy: "operator@isv.example" }),
        op({ status: "Failed", errorMessage: "Plan not available" }),
        op({ status: "Conflict", subscriptionId: OTHER, action: "ChangeQuantity" }),
        ...Array.from({ length: 30 }, () => op({})),
      ]);
    const states: Array<NewWebhookInboxRow["state"]> = ["received", "processing", "processed", "ignored", "failed", "dead_letter"];
    await t.db.insert(webhookInbox).values(
      Array.from({ length: 60 }, (_, i): NewWebhookInboxRow => ({
        operationId: randomUUID(),
        subscriptionId: i % 2 ? SUB : OTHER,
        action: i % 3 ? "Suspend" : "Transfer",
        payload: {},
        state: states[i % states.length]!,
        receivedAt: SAME_INSTANT,
      })),
    );
  });
  afterAll(async () => t?.close());

  it("shows operations in flight and failed ones (Failed and Conflict), newest first, with counts", async () => {
    expect((await listAdminOperations(t.db, { view: "open" })).rows.map((o) => o.status)).toEqual(["InProgress"]);
    expect((await listAdminOperations(t.db, { view: "failed" })).rows.map((o) => o.status).sort()).toEqual(["Conflict", "Failed"]);
    expect((await listAdminOperations(t.db, { view: "failed", subscriptionId: SUB.toUpperCase() })).rows).toHaveLength(1);
    expect((await listAdminOperations(t.db, { view: "all", action: "ChangeQuantity" })).rows).toHaveLength(1);
    expect(await countOperationViews(t.db)).toEqual({ open: 1, failed: 2 });

    const seen = new Set<string>();
    let after: string | undefined;
    do {
      const page = await listAdminOperations(t.db, { view: "all", after, limit: 7 });
      for (const o of page.rows) seen.add(o.id);
      after = page.next ?? undefined;
    } while (after);
    expect(seen.size).toBe(33);
  });

  it("filters the inbox by state, action and subscription, and pages through rows received at the same instant", async () => {
    expect((await listAdminInbox(t.db, { state: "dead_letter" })).rows).toHaveLength(10);
    expect((await listAdminInbox(t.db, { state: "dead_letter", subscriptionId: SUB })).rows.every((r) => r.subscriptionId === SUB)).toBe(
      true,
    );
    expect((await listAdminInbox(t.db, { action: "Transfer" })).rows).toHaveLength(20);
    expect(await countInboxByState(t.db)).toEqual({
      received: 10,
      processing: 10,
      processed: 10,
      ignored: 10,
      failed: 10,
      dead_letter: 10,
    });

    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await listAdminInbox(t.db, { after, limit: 25 });
      ids.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(new Set(ids).size).toBe(60);
    expect((await listAdminInbox(t.db, { after: "garbage" })).rows).toHaveLength(50);
  });

  it("names the subscriptions it knows and skips IDs that are not GUIDs", async () => {
    const names = await getSubscriptionNames(t.db, [SUB.toUpperCase(), OTHER, "not-a-guid"]);
    expect([...names]).toEqual([[SUB, "Contoso HQ"]]);
  });
});
