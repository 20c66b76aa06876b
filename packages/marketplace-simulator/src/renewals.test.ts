import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { renewDueSubscriptions } from "./renewals";
import { alex, buy, startHarness, V, type SimHarness } from "./testing/harness";

const DAY = 24 * 3600 * 1000;

describe.each(testDatabases("one"))("automatic renewal on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const getSub = async (id: string) => (await h.call("GET", `/saas/subscriptions/${id}?${V}`)).body;
  async function active() {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex, autoActivate: true });
    h.webhooks.received.length = 0;
    return p.subscriptionId as string;
  }

  it("renews the day after the term's end date, with a Renew webhook, once however many passes run", async () => {
    const id = await active();
    const term = (await getSub(id)).term;
    const end = new Date(term.endDate).getTime();

    expect(await renewDueSubscriptions(h.db.db, new Date(end + 23 * 3600 * 1000))).toEqual([]); // still its last day
    const dayAfter = new Date(end + DAY + 60_000);
    expect(await renewDueSubscriptions(h.db.db, dayAfter)).toEqual([id]);
    expect(await renewDueSubscriptions(h.db.db, dayAfter)).toEqual([]);

    const renewed = (await getSub(id)).term;
    expect(new Date(renewed.startDate).getTime()).toBe(end + DAY);
    expect(new Date(renewed.endDate).getTime()).toBeGreaterThan(end + 27 * DAY);
    expect(h.webhooks.received.map((w) => w.payload)).toEqual([
      expect.objectContaining({ action: "Renew", status: "Succeeded", subscriptionId: id }),
    ]);
  });

  it("leaves cancelled subscriptions alone", async () => {
    const id = await active();
    const end = new Date((await getSub(id)).term.endDate).getTime();
    expect((await h.call("POST", `/_sim/subscriptions/${id}/unsubscribe`)).status).toBe(200);
    expect(await renewDueSubscriptions(h.db.db, new Date(end + 2 * DAY))).toEqual([]);
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Unsubscribed");
  });
});
