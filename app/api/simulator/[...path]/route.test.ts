import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELETE, GET, PATCH, POST, PUT } from "./route";
import { testDatabases } from "@/test/db";
import { API, startHarness, V, type SimHarness } from "marketplace-simulator/testing";

describe.each(testDatabases("one"))("the Next.js route on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  it("forwards every method to the simulator", async () => {
    expect(new Set([GET, POST, PATCH, PUT, DELETE]).size).toBe(1);
    const res = await GET(new Request(`${API}/_sim/config`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ webhookUrl: h.webhooks.url });
  });

  it("turns a dropped connection into a body that fails before its first byte", async () => {
    await h.call("PUT", "/_sim/faults", { body: { rules: [{ endpoint: "listSubscriptions", effect: { type: "drop" } }] } });
    const token = await h.mintToken();
    const res = await GET(new Request(`${API}/saas/subscriptions?${V}`, { headers: { authorization: `Bearer ${token}` } }));
    await expect(res.text()).rejects.toThrow(/simulated connection drop/);
  });
});
