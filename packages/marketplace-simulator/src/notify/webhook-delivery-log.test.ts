import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_MIGRATIONS } from "../database";
import { startSimulatorServer, type SimulatorServer } from "../identity/testing/simulator-server";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { sendWebhook } from ".";
import { changePlanPayload, scriptedReceiver } from "./testing/receiver";
import { WebhookDeliveryLog } from "./webhook-delivery-log";

describe("WebhookDeliveryLog", () => {
  let t: TestDatabase;
  let server: SimulatorServer;
  const receiver = scriptedReceiver();
  beforeAll(async () => {
    t = await createTestDatabase("pglite", { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db, { fallback: (r) => receiver.handle(r) });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const render = async (props: Parameters<typeof WebhookDeliveryLog>[0]) =>
    renderToStaticMarkup(createElement("div", null, await WebhookDeliveryLog(props)));

  it("shows each delivery's state and every attempt's answer", async () => {
    expect(await render({ db: t.db })).toContain("No webhook calls yet.");
    const subscriptionId = crypto.randomUUID();
    receiver.answer(400, 503);
    const options = { settings: { url: `${server.origin}/api/webhook` }, startRetryLoop: false };
    const at = (minute: number) => () => new Date(Date.UTC(2026, 10, 24, 9, minute));
    await sendWebhook(t.db, changePlanPayload({ subscriptionId, action: "ChangeQuantity" }), { ...options, now: at(1) });
    await sendWebhook(t.db, changePlanPayload({ subscriptionId }), { ...options, now: at(2) });
    const html = await render({ db: t.db, subscriptionId });
    expect(html).toContain("rejected");
    expect(html).toContain("retrying");
    expect(html).toContain("HTTP 400");
    expect(html).toContain("answered 503");
    expect(html.indexOf("ChangePlan")).toBeLessThan(html.indexOf("ChangeQuantity"));
  });
});
