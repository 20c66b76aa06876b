import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeliveries } from "@/db/queries/outbound";
import { outboundDeliveries } from "@/db/schema";
import { addEndpoint } from "@/lib/outbound/testing/fixtures";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";

describe.each(testDatabases("both"))("delivery log queries (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it("filters by endpoint and status and pages newest first without skipping rows created in the same millisecond", async () => {
    const a = await addEndpoint(t.db, "https://a.example/x", ["subscription.renewed"]);
    const b = await addEndpoint(t.db, "https://b.example/x", ["subscription.renewed"]);
    // Four rows inside one millisecond, microseconds apart, as the database clock stamps them.
    const same = new Date("2026-03-01T10:00:00.123Z");
    for (let i = 0; i < 7; i++) {
      await t.db.insert(outboundDeliveries).values({
        endpointId: i % 2 ? b.id : a.id,
        eventType: "outbound.test",
        body: "{}",
        status: i < 5 ? "pending" : "failed",
        createdAt: i < 4 ? sql`${`2026-03-01T10:00:00.1231${i}Z`}::timestamptz` : new Date(same.getTime() + i),
      });
    }
    expect(await listDeliveries(t.db, { endpointId: a.id })).toHaveLength(4);
    expect((await listDeliveries(t.db, { status: "failed" })).map((d) => d.endpointUrl).sort()).toEqual([
      "https://a.example/x",
      "https://b.example/x",
    ]);

    const seen: string[] = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await listDeliveries(t.db, { limit: 2, before });
      if (page.length === 0) break;
      seen.push(...page.map((d) => d.id));
      const last = page.at(-1)!;
      before = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});
