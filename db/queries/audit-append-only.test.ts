import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { auditEvents } from "../schema";
import { insertAuditEvent } from "./audit-events";

/** The database's own message: drizzle wraps it as the cause of a "Failed query" error. */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
    return "accepted";
  } catch (err) {
    const e = err as Error & { cause?: { message?: string } };
    return e.cause?.message ?? e.message;
  }
}

describe.each(testDatabases("both"))("audit_events on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it("takes new events but refuses to change, delete or truncate recorded ones", async () => {
    const event = await insertAuditEvent(t.db, { actorType: "system", action: "sync.completed", targetType: "sync_run", targetId: "r-1" });
    const rows = async () => (await t.db.select({ n: count() }).from(auditEvents))[0]?.n;
    const before = await rows();

    expect(await refusal(t.db.update(auditEvents).set({ action: "sync.failed" }).where(eq(auditEvents.id, event.id)))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(t.db.delete(auditEvents).where(eq(auditEvents.id, event.id)))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(t.db.execute(sql`truncate table audit_events cascade`))).toMatch(/append-only: TRUNCATE refused/);

    expect(await rows()).toBe(before);
    const [kept] = await t.db.select().from(auditEvents).where(eq(auditEvents.id, event.id));
    expect(kept?.action).toBe("sync.completed");
  });
});
