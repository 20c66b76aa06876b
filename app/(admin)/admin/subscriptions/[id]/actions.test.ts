import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, API, buy, checkedFetch, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { captureRefusalWarnings } from "@/test/console";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { listOpenOperationsForSubscription } from "@/db/queries/partner-operations";
import { updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import { subscriptionValues } from "@/lib/subscriptions/from-marketplace";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown, client: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/services/marketplace", () => ({ getMarketplaceClient: () => state.client }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { changePlanAction, cancelSubscriptionAction, approveSubscriptionAction } = await import("./actions");
const { revalidatePath } = await import("next/cache");

const staff = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
};

describe.each(testDatabases("one"))("subscription server actions on %s", (kind) => {
  captureRefusalWarnings();
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    client = createMarketplaceClient({
      baseUrl: API,
      fetch: (i, init) => checkedFetch(new Request(i, init)),
      getToken: () => h.mintToken(),
      retry: { maxAttempts: 1 },
    });
    state.db = h.db.db;
    state.client = client;
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.reset({ operationDelayMs: 60_000 });
    vi.mocked(revalidatePath).mockClear();
  });

  async function active() {
    const { subscriptionId } = await buy(h, { purchaser: alex, autoActivate: true, offerId: "contoso-analytics", planId: "starter" });
    await upsertSubscription(h.db.db, subscriptionValues(await client.getSubscription(subscriptionId)));
    await updateSubscription(h.db.db, subscriptionId, { provisioningState: "active" });
    return subscriptionId;
  }
  const patchCalls = async (id: string) =>
    (await h.call("GET", `/_sim/subscriptions/${id}`)).body.apiCalls as { patch: number; delete: number };

  it("refuses a viewer who calls the change-plan action directly: no call to Microsoft, nothing recorded", async () => {
    const id = await active();
    state.user = staff("viewer@isv.example");
    const result = await changePlanAction(null, form({ subscriptionId: id, planId: "professional", customerApproved: "on" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/operator role/) });
    expect(await cancelSubscriptionAction(null, { subscriptionId: id, reason: "gone" })).toMatchObject({ ok: false });
    expect(await patchCalls(id)).toMatchObject({ patch: 0, delete: 0 });
    expect(await listOpenOperationsForSubscription(h.db.db, id)).toEqual([]);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("requires the customer's approval before an operator may change the plan", async () => {
    const id = await active();
    state.user = staff("operator@isv.example");
    const refused = await changePlanAction(null, form({ subscriptionId: id, planId: "professional" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { customerApproved: expect.any(String) } });
    expect((await patchCalls(id)).patch).toBe(0);

    const result = await changePlanAction(null, form({ subscriptionId: id, planId: "professional", customerApproved: "on" }));
    expect(result).toMatchObject({ ok: true, data: { operationId: expect.any(String) } });
    expect((await patchCalls(id)).patch).toBe(1);
    expect(revalidatePath).toHaveBeenCalledWith(`/admin/subscriptions/${id}`);
    const [open] = await listOpenOperationsForSubscription(h.db.db, id);
    expect(open).toMatchObject({ action: "ChangePlan", requestedBy: "operator@isv.example", source: "Partner" });
  });

  it("maps refusals to field errors and reports approvals of subscriptions that wait for none", async () => {
    const id = await active();
    state.user = staff("owner@isv.example");
    expect(await changePlanAction(null, form({ subscriptionId: id, planId: "starter", customerApproved: "on" }))).toMatchObject({
      ok: false,
      fieldErrors: { planId: expect.any(String) },
    });
    expect(await cancelSubscriptionAction(null, form({ subscriptionId: id, reason: "x" }))).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(await approveSubscriptionAction(null, form({ subscriptionId: id }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not waiting/),
    });
  });
});
