import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/test/console";
import { z } from "zod";
import { insertAuditEvent, listAuditEvents } from "@/db/queries/audit-events";
import type { PortalUser } from "@/lib/auth";
import { fail } from "@/lib/errors";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-intl/server", () => import("@/test/intl").then((m) => m.nextIntlServerInEnglish()));

const { revalidatePath } = await import("next/cache");
const { buyerAction } = await import("./buyer-action");

const buyer = (): PortalUser => ({ id: randomUUID(), email: "alex@contoso.example", name: "Alex", tenantId: randomUUID(), roles: [] });
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
};

describe.each(testDatabases("one"))("buyerAction on %s", (kind) => {
  let t: TestDatabase;
  const schema = z.object({ token: z.string().min(1), seats: z.coerce.number().int().min(1) });
  // A stand-in service: refuses seat count 13 with a code, otherwise audits as the buyer.
  const handler = vi.fn(async (input: z.output<typeof schema>, ctx: import("./buyer-action").BuyerActionContext) => {
    if (input.seats === 13) return { ...fail("purchase-unknown"), values: { seats: "13" } };
    const { actor } = ctx;
    await insertAuditEvent(ctx.db, {
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      action: "subscription.touched",
      targetType: "subscription",
      targetId: input.token,
    });
    return { ok: true as const, data: input.seats };
  });
  const action = buyerAction(schema, handler, { revalidate: (i) => [`/landing?token=${i.token}`] });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    handler.mockClear();
    vi.mocked(revalidatePath).mockClear();
  });

  it("refuses a caller without a session before parsing or calling the service", async () => {
    state.user = null;
    expect(await action(null, form({ token: "t", seats: "2" }))).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again to continue.",
      values: { token: "t", seats: "2" }, // echoed, so signing in again loses nothing
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers invalid input with the field errors and without calling the service", async () => {
    state.user = buyer();
    const result = await action(null, form({ token: "", seats: "0" }));
    expect(result).toMatchObject({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { token: expect.any(String), seats: expect.any(String) },
    });
    expect(handler).not.toHaveBeenCalled();
    const chosen = buyerAction(schema, handler, { invalidInput: "purchase-link-missing" });
    expect(await chosen(null, { seats: "2" })).toMatchObject({
      ok: false,
      error: "This form is missing its purchase link. Reopen the link from Microsoft.",
      fieldErrors: { token: expect.any(String) },
    });
  });

  it("puts a service's code into the buyer pages' words, keeping what the buyer typed", async () => {
    state.user = buyer();
    expect(await action(null, form({ token: "t", seats: "13" }))).toEqual({
      ok: false,
      error: "We could not identify your purchase any more. Reopen the link from Microsoft.",
      values: { seats: "13" },
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("calls the service as the buyer, then revalidates", async () => {
    const user = buyer();
    state.user = user;
    const token = randomUUID();
    expect(await action(null, form({ token, seats: "3" }))).toEqual({ ok: true, data: 3, message: undefined });
    expect(await listAuditEvents(t.db, { targetType: "subscription", targetId: token })).toMatchObject([
      { actorType: "user", actorId: user.id, actorEmail: user.email },
    ]);
    expect(revalidatePath).toHaveBeenCalledWith(`/landing?token=${token}`);
  });

  it("turns an unexpected failure into words with a reference, and logs it", async () => {
    state.user = buyer();
    const logs = captureLogs("error");
    const failing = buyerAction(z.object({}), async () => {
      throw new Error("database went away");
    });
    expect(await failing(null, {})).toMatchObject({ ok: false, error: expect.stringMatching(/reference [0-9a-f-]{36}/) });
    expect(logs.restore()).toEqual([expect.objectContaining({ msg: "buyer action failed", reference: expect.any(String) })]);
  });
});
