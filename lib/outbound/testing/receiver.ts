import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers; `hang` never answers, to exercise the sender's timeout. */
export type Reply = number | "hang" | { status: number; body?: string; headers?: Record<string, string> };

/** A receiving system on 127.0.0.1:0 that records every call and answers as the test says. */
export async function startReceiver(reply: (call: Received, index: number) => Reply = () => 200) {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const call = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(call);
      const r = reply(call, received.length - 1);
      if (r === "hang") {
        hanging.add(res);
        return;
      }
      const { status, body, headers } = typeof r === "number" ? { status: r, body: `status ${r}`, headers: {} } : r;
      res.writeHead(status, { "content-type": "text/plain", ...headers }).end(body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Calls per `webhook-id`: every value should be 1 when nothing is sent twice. */
    countsById() {
      const counts = new Map<string, number>();
      for (const r of received) counts.set(String(r.headers["webhook-id"]), (counts.get(String(r.headers["webhook-id"])) ?? 0) + 1);
      return counts;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
