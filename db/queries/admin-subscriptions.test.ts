import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { subscriptions, type NewSubscription, type Subscription } from "../schema";
import {
  countAdminSubscriptions,
  decodeCursor,
  encodeCursor,
  iterateAdminSubscriptions,
  listAdminSubscriptions,
  listSubscriptionOfferPlans,
  type AdminSort,
  type AdminSubscriptionFilters,
} from "./admin-subscriptions";

const STATUSES = ["PendingFulfillmentStart", "Subscribed", "Suspended", "Unsubscribed"] as const;
const TENANT_A = randomUUID();

/** 37 rows: several share a created time (to the microsecond) and a name, so ties need the ID. */
function fixtures(): NewSubscription[] {
  const base = Date.parse("2026-03-01T10:00:00.000Z");
  return Array.from({ length: 37 }, (_, i) => ({
    id: randomUUID(),
    name: `name${String(i % 11).padStart(2, "0")}`,
    offerId: i % 3 === 0 ? "analytics" : "backup",
    planId: i % 2 === 0 ? "basic" : "gold",
    status: STATUSES[i % 4]!,
    isTest: i % 5 === 0,
    isFreeTrial: i % 7 === 0,
    purchaserEmail: `buyer${i}@contoso.example`,
    beneficiaryEmail: i === 4 ? "100%_match@fabrikam.example" : `user${i}@fabrikam.example`,
    purchaserTenantId: i < 3 ? TENANT_A : randomUUID(),
    createdAt: new Date(base + Math.floor(i / 4) * 1000),
    termEndDate: new Date(Date.parse("2026-04-01T00:00:00.000Z") + i * 86_400_000),
  }));
}

const STATUS_ORDER = ["NotStarted", "PendingFulfillmentStart", "Subscribed", "Suspended", "Unsubscribed"];
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
function expectedOrder(rows: Subscription[], sort: AdminSort): string[] {
  const keys = (r: Subscription): Array<string | number> =>
    sort.by === "created"
      ? [r.createdAt.getTime(), r.id]
      : sort.by === "name"
        ? [r.name, r.id]
        : [STATUS_ORDER.indexOf(r.status), r.createdAt.getTime(), r.id];
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const ka = keys(a);
      const kb = keys(b);
      for (let i = 0; i < ka.length; i++) {
        const c = cmp(ka[i]!, kb[i]!);
        if (c !== 0) return sign * c;
      }
      return 0;
    })
    .map((r) => r.id);
}

describe.each(testDatabases("both"))("admin subscription list on %s", (kind) => {
  let t: TestDatabase;
  let all: Subscription[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    all = await t.db.insert(subscriptions).values(fixtures()).returning();
  });
  afterAll(async () => t?.close());

  const sorts: AdminSort[] = [
    { by: "created", dir: "desc" },
    { by: "created", dir: "asc" },
    { by: "name", dir: "asc" },
    { by: "name", dir: "desc" },
    { by: "status", dir: "asc" },
    { by: "status", dir: "desc" },
  ];

  it.each(sorts)("walks every page forwards and back again in $by $dir order", async (sort) => {
    const expected = expectedOrder(all, sort);
    const forward: string[] = [];
    const cursors: Array<string | undefined> = [];
    let after: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      cursors.push(after);
      const page = await listAdminSubscriptions(t.db, { filters: {}, sort, after, limit: 5 });
      forward.push(...page.rows.map((r) => r.id));
      expect(page.prev === null).toBe(after === undefined);
      if (!page.next) break;
      after = page.next;
    }
    expect(forward).toEqual(expected);

    // Back from the last page with `before` cursors: the same pages in reverse.
    const last = await listAdminSubscriptions(t.db, { filters: {}, sort, after, limit: 5 });
    const backward = [last.rows.map((r) => r.id)];
    let before = last.prev;
    while (before) {
      const page = await listAdminSubscriptions(t.db, { filters: {}, sort, before, limit: 5 });
      expect(page.next).not.toBeNull();
      backward.unshift(page.rows.map((r) => r.id));
      before = page.prev;
    }
    expect(backward.flat()).toEqual(expected);
    expect(backward[0]).toHaveLength(5);
  });

  const filterCases: Array<[string, AdminSubscriptionFilters, (r: Subscription) => boolean]> = [
    ["a name fragment", { q: "NAME03" }, (r) => r.name === "name03"],
    ["an e-mail fragment", { q: "buyer1" }, (r) => r.purchaserEmail!.startsWith("buyer1")],
    ["a beneficiary e-mail fragment", { q: "user2@fab" }, (r) => r.beneficiaryEmail === "user2@fabrikam.example"],
    ["LIKE wildcards taken literally", { q: "100%_" }, (r) => r.beneficiaryEmail === "100%_match@fabrikam.example"],
    ["a tenant ID", { q: TENANT_A.toUpperCase() }, (r) => r.purchaserTenantId === TENANT_A],
    ["status", { status: ["Suspended", "Unsubscribed"] }, (r) => r.status === "Suspended" || r.status === "Unsubscribed"],
    ["offer and plan", { offerId: "analytics", planId: "gold" }, (r) => r.offerId === "analytics" && r.planId === "gold"],
    ["test and free trial", { isTest: false, isFreeTrial: true }, (r) => !r.isTest && r.isFreeTrial],
    [
      "purchased before a date",
      { purchasedBefore: new Date("2026-03-01T10:00:03.000Z") },
      (r) => r.createdAt < new Date("2026-03-01T10:00:03.000Z"),
    ],
    [
      "a term ending within a window",
      { termEndsBetween: [new Date("2026-04-03T00:00:00.000Z"), new Date("2026-04-09T00:00:00.000Z")] },
      (r) => r.termEndDate! >= new Date("2026-04-03T00:00:00.000Z") && r.termEndDate! <= new Date("2026-04-09T00:00:00.000Z"),
    ],
  ];

  it("stops counting one row past the cap", async () => {
    const n = await countAdminSubscriptions(t.db, {});
    expect(n).toBeGreaterThan(3);
    expect(await countAdminSubscriptions(t.db, {}, 3)).toBe(4);
    expect(await countAdminSubscriptions(t.db, {}, n)).toBe(n);
  });

  it("never matches a search across two fields of the joined search text", async () => {
    expect(await countAdminSubscriptions(t.db, { q: "contoso.example\u001fuser" })).toBe(0);
  });

  it.each(filterCases)("filters by %s, in the count and in every page", async (_name, filters, predicate) => {
    const sort: AdminSort = { by: "created", dir: "desc" };
    const expected = expectedOrder(all.filter(predicate), sort);
    expect(expected.length).toBeGreaterThan(0);
    expect(await countAdminSubscriptions(t.db, filters)).toBe(expected.length);
    const seen: string[] = [];
    for await (const batch of iterateAdminSubscriptions(t.db, filters, sort, 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((r) => r.id));
    }
    expect(seen).toEqual(expected);
  });

  it("lists each offer and plan in use once, in order, for the filter form", async () => {
    expect(await listSubscriptionOfferPlans(t.db)).toEqual([
      { offerId: "analytics", planId: "basic" },
      { offerId: "analytics", planId: "gold" },
      { offerId: "backup", planId: "basic" },
      { offerId: "backup", planId: "gold" },
    ]);
    const empty = await createTestDatabase(kind);
    try {
      expect(await listSubscriptionOfferPlans(empty.db)).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it("finds a subscription by its ID", async () => {
    const target = all[17]!;
    const page = await listAdminSubscriptions(t.db, { filters: { q: ` ${target.id} ` }, sort: { by: "name", dir: "asc" } });
    expect(page.rows.map((r) => r.id)).toEqual([target.id]);
  });

  it("treats malformed cursors, or cursors of another sort order, as the first page", async () => {
    const sort: AdminSort = { by: "name", dir: "asc" };
    const first = await listAdminSubscriptions(t.db, { filters: {}, sort, limit: 3 });
    const createdCursor = encodeCursor(["2026-03-01T10:00:00.000000Z", randomUUID()]);
    expect(decodeCursor(createdCursor, "status")).toBeNull();
    expect(decodeCursor("%%%", "name")).toBeNull();
    expect(decodeCursor(encodeCursor(["x", "not-a-guid"]), "name")).toBeNull();
    const withJunk = await listAdminSubscriptions(t.db, { filters: {}, sort, after: "bm9wZQ", limit: 3 });
    expect(withJunk.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});
