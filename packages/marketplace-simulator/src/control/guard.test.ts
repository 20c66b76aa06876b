import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { defaultRuntimeConfig } from "../config";
import { ORIGIN, startHarness, type SimHarness } from "../testing/harness";

const portal = () => new URL(ORIGIN).origin;

describe.each(testDatabases("one"))("control API writes from other sites (%s)", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const put = (body: unknown, headers: Record<string, string> = {}) => h.call("PUT", "/_sim/config", { body, headers });

  it("refuses a write that is not application/json with 415 and a JSON error", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await put(JSON.stringify({ rejectWindowMs: 1 }), { "content-type": type });
      expect(res.status, type).toBe(415);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(res.body.error).toMatch(/application\/json/);
    }
    // A form post from another site needs no body at all to reset everything.
    const bare = await h.call("POST", "/_sim/reset", { headers: { "content-type": "" } });
    expect(bare.status).toBe(415);
    expect((await h.call("GET", "/_sim/config")).body.rejectWindowMs).toBe(0);
  });

  it("refuses a foreign Origin with 403, even as JSON, and lets the portal's own origin and origin-less callers in", async () => {
    for (const origin of ["https://evil.example", "null", `${portal()}.evil.example`, portal().replace(/:\d+$/, ":1")]) {
      const res = await put({ rejectWindowMs: 1234 }, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.body.error).toMatch(/Origin/);
    }
    expect((await h.call("POST", "/_sim/purchases", { body: {}, headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await h.call("GET", "/_sim/config")).body.rejectWindowMs).toBe(0);

    expect((await put({ rejectWindowMs: 1234 }, { origin: portal() })).body.rejectWindowMs).toBe(1234);
    expect((await put({ rejectWindowMs: 4321 })).body.rejectWindowMs).toBe(4321);
    // Reads stay open: a cross-site page cannot read the answer without CORS anyway.
    expect((await h.call("GET", "/_sim/offers", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });

  it("accepts a webhookUrl only on the portal's own origin or a loopback address", async () => {
    for (const url of [
      "https://evil.example/hook",
      "http://10.0.0.5/hook",
      "http://169.254.169.254/latest",
      "http://localhost.evil.example/x",
      "http://[fd00::1]/x",
    ]) {
      const res = await put({ webhookUrl: url });
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatch(/own origin .* or a loopback address/);
      expect(res.body.fieldErrors).toHaveProperty("webhookUrl");
    }
    for (const url of [
      `${portal()}/api/webhook/marketplace`,
      "http://127.0.0.1:9/unreachable",
      "http://127.8.9.10/x",
      "http://localhost:4000/hooks",
      "http://[::1]:4000/x",
    ]) {
      const res = await put({ webhookUrl: url });
      expect(res.status, url).toBe(200);
      expect(res.body.webhookUrl).toBe(url);
    }
    expect((await put({ webhookUrl: null })).body.webhookUrl).toBe(defaultRuntimeConfig.webhookUrl);
  });
});
