import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { publishNodeSimulatorHandler } from "@/lib/simulator-mount";
import { testDatabases } from "@/test/db";
import { alex, buy, startHarness, V, type SimHarness } from "marketplace-simulator/testing";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

describe.each(testDatabases("one"))("the simulator's Metering API answered by the production server without Next.js (%s)", (kind) => {
  let h: SimHarness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    publishNodeSimulatorHandler();
    const handle = (globalThis as Record<symbol, unknown>)[Symbol.for("marketplace-portal.simulator.node-handler")] as NodeHandler;
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/simulator`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });
  beforeEach(async () => h.reset());

  const hourAgo = () => new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000 + 60_000).toISOString();
  const post = async (body: unknown) =>
    fetch(`${base}/batchUsageEvent?${V}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await h.mintToken()}`, "content-type": "application/json", "x-ms-requestid": "req-1" },
      body: JSON.stringify(body),
    });

  it("answers a batch as the route does: per-event statuses, a duplicate for the same hour, Microsoft's headers", async () => {
    const { subscriptionId } = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex, autoActivate: true });
    const event = {
      resourceId: subscriptionId,
      quantity: 3,
      dimension: "api-calls",
      effectiveStartTime: hourAgo(),
      planId: "professional",
    };
    const res = await post({ request: [event, event] });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ms-requestid")).toBe("req-1");
    const body = (await res.json()) as { count: number; result: { status: string }[] };
    expect(body.count).toBe(2);
    expect(body.result.map((r) => r.status)).toEqual(["Accepted", "Duplicate"]);
    expect((await post({ request: [] })).status).toBe(400);
  });

  it("drops the connection without a status when a fault says so", async () => {
    await h.call("PUT", "/_sim/faults", { body: { rules: [{ endpoint: "batchUsageEvent", effect: { type: "drop" } }] } });
    await expect(post({ request: [] })).rejects.toThrow();
  });
});
