import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getInboxItem } from "@/db/queries/webhook-inbox";
import { auditEvents, webhookInbox } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { replayInboxAction } = await import("./actions");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

describe.each(testDatabases("one"))("webhook replay action on %s", (kind) => {
  captureRefusalWarnings();
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
  });
  afterAll(async () => t?.close());

  const insert = async (s: "dead_letter" | "processing") => {
    const [row] = await t.db
      .insert(webhookInbox)
      .values({
        operationId: randomUUID(),
        subscriptionId: randomUUID(),
        action: "Suspend",
        payload: {},
        state: s,
        attempts: 8,
        lastError: "HTTP 503",
      })
      .returning();
    return row!;
  };

  it("lets operators put a dead-lettered call back in the queue, once, with an audit event", async () => {
    const dead = await insert("dead_letter");
    state.user = as("viewer@isv.example");
    expect(await replayInboxAction(null, { inboxId: dead.id })).toMatchObject({ ok: false, error: expect.stringMatching(/operator role/) });
    expect((await getInboxItem(t.db, dead.id))?.state).toBe("dead_letter");

    state.user = as("operator@isv.example");
    expect(await replayInboxAction(null, { inboxId: dead.id })).toMatchObject({ ok: true });
    expect(await getInboxItem(t.db, dead.id)).toMatchObject({ state: "received", attempts: 0, lastError: null });
    expect(await replayInboxAction(null, { inboxId: dead.id })).toMatchObject({ ok: false, error: expect.stringMatching(/queued/) });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "webhook.replayed"), eq(auditEvents.targetId, dead.subscriptionId)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: "operator@isv.example", changes: { state: { from: "dead_letter", to: "received" } } });
  });

  it("leaves calls the worker owns alone and refuses malformed IDs", async () => {
    state.user = as("operator@isv.example");
    const busy = await insert("processing");
    expect(await replayInboxAction(null, { inboxId: busy.id })).toMatchObject({ ok: false });
    expect((await getInboxItem(t.db, busy.id))?.state).toBe("processing");
    expect(await replayInboxAction(null, { inboxId: "1; drop table webhook_inbox" })).toMatchObject({
      ok: false,
      fieldErrors: { inboxId: expect.any(String) },
    });
  });
});
