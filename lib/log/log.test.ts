import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogs, type LogLine } from "@/test/console";
import { loggerOptions, redactUrl } from "./config.mjs";
import { annotateRequest, log, outsideRequest } from "./index";
import { requestContext, runLoggedRequest } from "./request-context.mjs";

const SECRET = "s3cr3t-value-that-must-never-be-logged";

describe("the logger", () => {
  it("redacts authorization headers, cookies, tokens, client secrets and API keys wherever they sit", () => {
    const logs = captureLogs("info");
    log.info(
      {
        headers: { authorization: `Bearer ${SECRET}`, cookie: `authjs.session-token=${SECRET}`, "x-api-key": SECRET },
        token: SECRET,
        credential: { kind: "secret", secret: SECRET },
        msal: { auth: { clientSecret: SECRET } },
        apiKey: SECRET,
        subscriptionId: "kept",
      },
      "a call",
    );
    logs.restore();
    expect(logs.raw.join("")).not.toContain(SECRET);
    expect(logs.lines[0]).toMatchObject({
      msg: "a call",
      subscriptionId: "kept",
      token: "[Redacted]",
      headers: { authorization: "[Redacted]" },
    });
  });

  it("replaces secret query parameters in a request target", () => {
    expect(redactUrl(`/landing?token=${SECRET}&x=1`)).toBe("/landing?token=[Redacted]&x=1");
    expect(redactUrl("/api/auth/callback/entra?code=abc&state=def")).toBe("/api/auth/callback/entra?code=[Redacted]&state=[Redacted]");
    expect(redactUrl("/admin")).toBe("/admin");
  });
});

describe("the request log", () => {
  let server: Server;
  let origin: string;
  const raw: string[] = [];
  const lines = () => raw.map((l) => JSON.parse(l) as LogLine);
  let inner: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    inner = captureLogs("info");
    // The server's own logger, built as server.mjs builds it, writing here instead of standard output.
    const serverLog = pino(loggerOptions({ level: "info", nodeEnv: "production", name: "server" }), { write: (l: string) => raw.push(l) });
    server = createServer((req, res) =>
      runLoggedRequest(serverLog, req, res, () => {
        // What the app does on the way: a marketplace ID learnt, a line of its own.
        annotateRequest({
          subscriptionId: "1d9a6c55-6a1c-4e27-9e6e-0d0c5b8c1a11",
          msCorrelationId: "c0ffee00-0000-4000-8000-000000000001",
        });
        log.warn("inside the request");
        setTimeout(() => res.writeHead(req.url?.startsWith("/boom") ? 500 : 200).end("ok"), 5);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    inner.restore();
    await new Promise((resolve) => server.close(resolve));
  });

  it("writes one line per request with method, route, status, duration, request ID and marketplace IDs, and no secret", async () => {
    const res = await fetch(`${origin}/landing?token=${SECRET}`, {
      headers: { authorization: `Bearer ${SECRET}`, cookie: `s=${SECRET}`, "x-request-id": "req-0123456789abcdef" },
    });
    expect(res.headers.get("x-request-id")).toBe("req-0123456789abcdef");
    await expect.poll(() => raw.length).toBe(1);
    expect(lines()[0]).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      route: "/landing",
      url: "/landing?token=[Redacted]",
      status: 200,
      durationMs: expect.any(Number),
      requestId: "req-0123456789abcdef",
      subscriptionId: "1d9a6c55-6a1c-4e27-9e6e-0d0c5b8c1a11",
      msCorrelationId: "c0ffee00-0000-4000-8000-000000000001",
    });
    expect(raw.join("") + inner.raw.join("")).not.toContain(SECRET);
    // Lines written while the request ran carry its ID.
    expect(inner.lines).toContainEqual(expect.objectContaining({ msg: "inside the request", requestId: "req-0123456789abcdef" }));
  });

  it("leaves work a request only wakes outside its context", () => {
    requestContext.run({ requestId: "req-0123456789abcdef", fields: {} }, () => {
      expect(requestContext.getStore()?.requestId).toBe("req-0123456789abcdef");
      expect(outsideRequest(() => requestContext.getStore())).toBeUndefined();
    });
  });

  it("replaces a malformed incoming request ID with a fresh one, and logs server errors at error level", async () => {
    raw.length = 0;
    const res = await fetch(`${origin}/boom`, { headers: { "x-request-id": 'bad id"{"level":"fatal"}' } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => raw.length).toBe(1);
    expect(lines()[0]).toMatchObject({ level: "error", status: 500, route: "/boom", requestId: id });
  });
});
