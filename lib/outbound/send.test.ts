import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box";
import { sendEvent } from "./send";
import { generateSecret } from "./signing";
import { startReceiver, type Receiver, type Reply } from "./testing/receiver";
import type { ResolveAll } from "./url-policy";

const strict = { allowPrivateNetworks: false };
const relaxed = { allowPrivateNetworks: true };
const delivery = { id: "0d1e0000-0000-4000-8000-000000000001", body: JSON.stringify({ type: "outbound.test" }) };

/** A DNS server that answers each lookup of the name in turn, as a rebinding one does. */
function answers(...rounds: string[][]): ResolveAll & { calls: string[] } {
  const calls: string[] = [];
  return Object.assign(
    async (host: string) => {
      calls.push(host);
      return rounds[Math.min(calls.length - 1, rounds.length - 1)]!;
    },
    { calls },
  );
}

describe("sending one event", () => {
  let receiver: Receiver;
  let reply: Reply;
  const port = () => new URL(receiver.url).port;
  const send = (url: string, policy: typeof strict, resolve: ResolveAll, secret = generateSecret()) =>
    sendEvent({ url, secret, previousSecret: null, previousSecretExpiresAt: null }, delivery, {
      policy,
      now: new Date(),
      resolve,
      timeoutMs: 2000,
      secrets: createSecretBox(null),
    });

  beforeEach(async () => {
    reply = 200;
    receiver = await startReceiver(() => reply);
  });
  afterEach(async () => receiver.close());

  it("connects to the address the lookup answered, under the name in the URL, signed", async () => {
    const resolve = answers(["127.0.0.1"]);
    const secret = generateSecret();
    const result = await send(`http://hooks.test:${port()}/hooks`, relaxed, resolve, secret);
    expect(result).toMatchObject({ ok: true, statusCode: 200, responseSnippet: "status 200", error: null });
    expect(resolve.calls).toEqual(["hooks.test"]);
    const call = receiver.received[0]!;
    expect(call.headers.host).toBe(`hooks.test:${port()}`);
    expect(call.headers["content-type"]).toBe("application/json");
    expect(call.headers["user-agent"]).toBe("marketplace-saas-portal-events/1");
    expect(new Webhook(secret).verify(call.body, call.headers as Record<string, string>)).toEqual({ type: "outbound.test" });
  });

  it.each(["127.0.0.1", "10.20.30.40", "::ffff:7f00:1"])(
    "refuses at connect time a name that passed the check but then resolves to %s (DNS rebinding)",
    async (inside) => {
      const resolve = answers(["93.184.216.34"], [inside]);
      const result = await send(`https://rebind.test:${port()}/hooks`, strict, resolve);
      expect(resolve.calls).toEqual(["rebind.test", "rebind.test"]);
      expect(result).toMatchObject({
        ok: false,
        statusCode: null,
        error: `refused: rebind.test resolves to a private address (${inside}) at connect time.`,
      });
      expect(receiver.received).toHaveLength(0);
    },
  );

  it("reads no more than the start of a large answer", async () => {
    reply = { status: 500, body: "x".repeat(2_000_000) };
    const result = await send(receiver.url, relaxed, answers([]));
    expect(result).toMatchObject({ ok: false, statusCode: 500, error: "HTTP 500" });
    expect(result.responseSnippet).toHaveLength(1024);
  });

  it("describes a refused connection", async () => {
    await receiver.close();
    const result = await send(receiver.url, relaxed, answers([]));
    expect(result.error).toMatch(/ECONNREFUSED 127\.0\.0\.1/);
  });
});
