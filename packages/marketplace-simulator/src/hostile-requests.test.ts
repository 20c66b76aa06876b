import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { handleSimulatorRequest } from "./api";
import { SIMULATOR_TENANT_ID } from "./constants";
import { MAX_REQUEST_BODY_BYTES } from "./http";
import { API, startHarness, V, type SimHarness } from "./testing/harness";

/** A body of `total` bytes made on demand, counting how much of it was read. */
function lazyBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe.each(testDatabases("one"))("simulator requests out of bounds on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());

  const twentyMb = 20 * 1024 * 1024;
  const send = async (path: string, headers: Record<string, string>) => {
    const { stream, counter } = lazyBody(twentyMb);
    const res = await handleSimulatorRequest(
      new Request(`${API}${path}`, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit),
    );
    return { res, pulled: counter.pulled };
  };

  it.each([
    ["the control API", "/_sim/purchases", { "content-type": "application/json" }],
    ["the Metering API", `/usageEvent?${V}`, { "content-type": "application/json" }],
    ["the token endpoint", `/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`, { "content-type": "application/x-www-form-urlencoded" }],
  ])("answers 413 to a 20 MB body sent to %s, reading little more than the limit", async (_name, path, headers) => {
    const token: Record<string, string> = path.startsWith("/usage") ? { authorization: `Bearer ${await h.mintToken()}` } : {};
    const { res, pulled } = await send(path, { ...headers, ...token });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "RequestEntityTooLarge" });
    expect(pulled).toBeLessThan(MAX_REQUEST_BODY_BYTES + 256 * 1024);
  });

  it("answers 413 to a declared length over the limit before reading anything", async () => {
    const { stream, counter } = lazyBody(twentyMb);
    const res = await handleSimulatorRequest(
      new Request(`${API}/_sim/purchases`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(twentyMb) },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("still takes a body under the limit", async () => {
    const res = await h.call("PUT", "/_sim/faults", { body: `{"rules": []}${" ".repeat(MAX_REQUEST_BODY_BYTES - 20)}` });
    expect(res.status, res.text).toBe(200);
  });

  it.each(["/_sim/subscriptions/00000000-0000-4000-8000-000000000000/%ZZ", "/saas/subscriptions/%E0%A4%A", "/_sim/%"])(
    "answers 404 to a path with a malformed escape (%s)",
    async (path) => {
      const res = await handleSimulatorRequest(
        new Request(`${API}${path}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: "{}" }),
      );
      expect(res.status).toBe(404);
    },
  );
});
