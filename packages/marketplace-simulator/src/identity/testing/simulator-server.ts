import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DbOrTx } from "../../db";
import { configureSimulator, defaultSimulatorOptions } from "../../options";
import { handleIdentityRequest } from "..";

export interface SimulatorServer {
  /** e.g. http://127.0.0.1:41234, standing in for the portal's origin. */
  origin: string;
  log: string[];
  close(): Promise<void>;
}

type Fallback = (request: Request) => Response | Promise<Response>;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body });
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves the look-alike over real HTTP on 127.0.0.1 (and configures the simulator for that origin); other paths go to `fallback` (a webhook receiver). */
export async function startSimulatorServer(db: DbOrTx, opts: { fallback?: Fallback; now?: () => Date } = {}): Promise<SimulatorServer> {
  const log: string[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req, origin);
        const url = new URL(request.url);
        log.push(`${request.method} ${url.pathname}`);
        const [, api, sim, tenant, ...rest] = url.pathname.split("/");
        const response =
          api === "api" && sim === "simulator" && tenant
            ? await handleIdentityRequest(request, tenant, rest, { db, origin, now: opts.now })
            : opts.fallback
              ? await opts.fallback(request)
              : new Response("not found", { status: 404 });
        await send(res, response);
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The look-alike is served on this origin, from the database given here.
  configureSimulator(
    defaultSimulatorOptions(origin, () => {
      throw new Error("startSimulatorServer serves the database it was given");
    }),
  );
  return {
    origin,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
