import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTracing } from "./tracing";

/** A local OTLP/HTTP receiver (JSON): it keeps the trace export requests it is sent. */
describe("tracing over OTLP", () => {
  let receiver: Server;
  let origin = "";
  const exports: { path: string; body: any }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (req.method === "POST" && req.url === "/v1/traces") {
          exports.push({ path: req.url, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
          res.writeHead(200, { "content-type": "application/json" }).end("{}");
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((resolve) => receiver.close(resolve)));

  it("exports the spans of outgoing fetch calls under the portal's service name", async () => {
    const sdk = createTracing({ serviceName: "portal-under-test", tracesUrl: `${origin}/v1/traces` });
    sdk.start();
    try {
      expect((await fetch(`${origin}/some/api?x=1`, { signal: AbortSignal.timeout(5_000) })).status).toBe(204);
    } finally {
      await sdk.shutdown(); // flushes the batch
    }
    expect(exports.length).toBeGreaterThan(0);
    const resourceSpans = exports.flatMap((e) => e.body.resourceSpans as any[]);
    const service = resourceSpans[0].resource.attributes.find((a: any) => a.key === "service.name");
    expect(service.value.stringValue).toBe("portal-under-test");
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s: any) => s.spans as any[]));
    const call = spans.find((s) => s.attributes.some((a: any) => a.key === "url.full" && a.value.stringValue === `${origin}/some/api?x=1`));
    expect(call).toMatchObject({ kind: 3 }); // SPAN_KIND_CLIENT
  }, 20_000);
});
