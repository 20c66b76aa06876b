import { describe, expect, it } from "vitest";
import { parseWebhookBody } from "./payload";

const ids = { id: "7C4E2E1A-7D65-4E33-9A8B-2F6C0A1B3D4E", subscriptionId: "0f1a2b3c-4d5e-4f60-8172-93a4b5c6d7e8" };

describe("webhook body parsing", () => {
  it("reads Microsoft's full payload, keeping unknown fields in the stored body", () => {
    const body = {
      ...ids,
      activityId: "a1b2c3d4-0000-4000-8000-000000000001",
      publisherId: "contoso-isv",
      offerId: "contoso-analytics",
      planId: "gold",
      quantity: 20,
      timeStamp: "2023-02-10T18:48:58.4449937Z",
      action: "ChangePlan",
      status: "InProgress",
      operationRequestSource: "Azure",
      subscription: { planId: "silver", quantity: "" },
      purchaseToken: null,
      somethingNew: { x: 1 },
    };
    const result = parseWebhookBody(JSON.stringify(body));
    expect(result).toMatchObject({
      ok: true,
      notification: {
        operationId: ids.id.toLowerCase(),
        action: "ChangePlan",
        source: "Azure",
        planId: "gold",
        quantity: 20,
        currentPlanId: "silver",
        currentQuantity: null,
        status: "InProgress",
      },
    });
    if (result.ok) {
      expect(result.notification.timeStamp?.toISOString()).toBe("2023-02-10T18:48:58.444Z");
      expect(result.notification.raw).toEqual(body);
    }
  });

  it("accepts the emulator's operationRequestedSource spelling", () => {
    const result = parseWebhookBody(JSON.stringify({ ...ids, action: "ChangeQuantity", operationRequestedSource: "Partner" }));
    expect(result).toMatchObject({ ok: true, notification: { source: "Partner" } });
  });

  it("tolerates odd optional fields instead of refusing the call", () => {
    const result = parseWebhookBody(
      JSON.stringify({ ...ids, action: "Renew", quantity: "lots", timeStamp: "yesterday", subscription: "?" }),
    );
    expect(result).toMatchObject({ ok: true, notification: { quantity: null, timeStamp: null, currentPlanId: null } });
  });

  it.each([
    ["malformed JSON", "{not json", /malformed JSON/],
    ["a JSON array", "[]", /body/],
    ["no id", JSON.stringify({ subscriptionId: ids.subscriptionId, action: "Renew" }), /^id/],
    ["no subscriptionId", JSON.stringify({ id: ids.id, action: "Renew" }), /^subscriptionId/],
    ["no action", JSON.stringify(ids), /^action/],
    ["an id that is not a GUID", JSON.stringify({ ...ids, id: "../../etc", action: "Renew" }), /^id/],
  ])("refuses %s", (_name, text, reason) => {
    const result = parseWebhookBody(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
