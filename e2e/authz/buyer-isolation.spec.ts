import { expect, test } from "@playwright/test";
import { buyers, savedSignIn, Simulator } from "../fixtures";
import { callAction, describe, send } from "./http";
import { builtActions } from "./inventory";

// Kim (Fabrikam) never sees or acts on Alex's (Contoso) subscriptions, whichever path she takes
// and whatever she puts where a token or ID goes. Alex's own view is the control: the same calls
// made by him do show and act on them, so a refusal to kim is not just a broken call.

test("kim never sees or acts on alex's subscriptions by any path", async ({ baseURL, request }) => {
  test.setTimeout(120_000);
  const base = baseURL!;
  const simulator = new Simulator(request);
  await simulator.reset();
  const [alex, kim] = [await savedSignIn(buyers.alex.email), await savedSignIn(buyers.kim.email)];

  const activeBody = {
    offerId: "contoso-analytics",
    planId: "starter",
    purchaser: buyers.alex,
    autoActivate: true,
    name: "Contoso active",
  };
  const pendingBody = { offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex, name: "Contoso pending" };
  const [active, pending] = [await simulator.purchase(activeBody), await simulator.purchase(pendingBody)];
  expect((await send(base, alex, pending.landingUrl, { method: "GET" })).status).toBe(200);
  await expect
    .poll(async () => (await send(base, alex, "/account", { method: "GET" })).body.includes(active.subscriptionId), { timeout: 30_000 })
    .toBe(true);
  const ids = [active.subscriptionId, pending.subscriptionId];
  // What only alex's subscriptions carry. (Their IDs are checked only where kim did not send them:
  // pages echo their own URL.)
  const notAlexs = (what: string, body: string) => {
    for (const secret of [buyers.alex.email, "Contoso active", "Contoso pending"])
      expect(body, `${what} shows ${secret}`).not.toContain(secret);
  };

  // The list.
  const alexList = (await send(base, alex, "/account", { method: "GET" })).body;
  for (const shown of [...ids, "Contoso active"]) expect(alexList).toContain(shown);
  const kimList = (await send(base, kim, "/account", { method: "GET" })).body;
  notAlexs("kim's /account", kimList);
  for (const id of ids) expect(kimList, `kim's /account lists ${id}`).not.toContain(id);

  // The hand-off: alex is sent to the product with a token; kim gets nothing, by GET or POST, ID in the query or the form.
  const handoff = async (who: typeof alex, id: string) => [
    await send(base, who, `/api/handoff?subscription=${id}`, { method: "GET" }),
    await send(base, who, `/api/handoff?subscription=${id}`, {
      method: "POST",
      headers: { origin: new URL(base).origin, "content-type": "application/x-www-form-urlencoded" },
      data: `subscription=${id}`,
    }),
  ];
  const alexHandoff = await handoff(alex, active.subscriptionId);
  expect(
    alexHandoff.some((a) => a.location?.includes("token=")),
    alexHandoff.map(describe).join("\n"),
  ).toBe(true);
  for (const id of ids) {
    for (const answer of await handoff(kim, id)) {
      expect(answer.status, describe(answer)).toBeGreaterThanOrEqual(400);
      expect(answer.location ?? "", describe(answer)).not.toContain("token=");
      notAlexs("the hand-off's answer to kim", answer.body);
    }
  }

  // The landing page and its actions, with alex's subscription IDs where the purchase token goes.
  const built = new Map(builtActions().map((a) => [a.key, a]));
  for (const id of ids) {
    notAlexs("/landing for kim", (await send(base, kim, `/landing?token=${id}`, { method: "GET" })).body);
    for (const name of ["confirmPurchaseAction", "retryActivationAction"]) {
      const action = built.get(`app/(marketing)/landing/actions.ts#${name}`)!;
      const answer = await callAction(base, kim, {
        id: action.id,
        page: "/landing",
        form: { token: id, subscriptionId: id },
        bound: [],
        withState: true,
      });
      expect(answer.body, describe(answer)).toContain('"ok":false');
      notAlexs(`${name} for kim`, answer.body);
    }
  }
  const after = await simulator.subscription(pending.subscriptionId);
  expect(after.saasSubscriptionStatus).toBe("PendingFulfillmentStart");
  expect(after.apiCalls.activate).toBe(0);

  // Self-service on /account: the subscription's page is not found for kim, and its actions change nothing, however
  // well-formed the change (alex's subscription in the form, valid values, the confirmation ticked).
  for (const id of ids) {
    const manage = await send(base, kim, `/account/${id}`, { method: "GET" });
    expect(manage.status, describe(manage)).toBe(404);
    notAlexs(`/account/${id} for kim`, manage.body);
    const forms: Record<string, Record<string, string>> = {
      changeSeatsAction: { subscriptionId: id, quantity: "3" },
      changePlanAction: { subscriptionId: id, planId: "professional" },
      cancelSubscriptionAction: { subscriptionId: id, confirm: "on", reason: "kim" },
    };
    for (const [name, form] of Object.entries(forms)) {
      const action = built.get(`app/(marketing)/account/actions.ts#${name}`)!;
      const answer = await callAction(base, kim, { id: action.id, page: `/account/${id}`, form, bound: [], withState: true });
      expect(answer.body, describe(answer)).toContain('"ok":false');
      notAlexs(`${name} for kim`, answer.body);
    }
  }
  const activeAfter = await simulator.subscription(active.subscriptionId);
  expect([activeAfter.saasSubscriptionStatus, activeAfter.planId]).toEqual(["Subscribed", "starter"]);
  expect([activeAfter.apiCalls.patch ?? 0, activeAfter.apiCalls.delete ?? 0]).toEqual([0, 0]);

  // The welcome page verifies a hand-off token; an ID in its place shows nothing.
  for (const id of ids) {
    for (const query of [`token=${id}`, `subscription=${id}`])
      notAlexs("/welcome for kim", (await send(base, kim, `/welcome?${query}`, { method: "GET" })).body);
  }
  const kimListAfter = (await send(base, kim, "/account", { method: "GET" })).body;
  notAlexs("kim's /account afterwards", kimListAfter);
  for (const id of ids) expect(kimListAfter, `kim's /account lists ${id} afterwards`).not.toContain(id);
});
