import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import {
  configureSimulator,
  getSimulatorDb,
  handleSimulatorRequest,
  SimulatedConnectionDrop,
  type SimulatorOptions,
} from "marketplace-simulator";
import { openDatabase, simulatorDatabaseConfig } from "@/db/client";
import { getEnv, type Env } from "@/lib/env";

/**
 * Where the portal mounts the marketplace simulator (packages/marketplace-simulator): the one
 * place that turns the portal's configuration into the simulator's options and gives it a
 * database. The route under app/api/simulator and the pages under app/(dev)/simulator import
 * this module, so the simulator is configured before it serves anything.
 */

export function simulatorOptionsFor(env: Env): SimulatorOptions {
  return {
    portalOrigin: env.publicBaseUrl,
    apiEnabled: env.simulator.apiEnabled,
    identityEnabled: env.simulator.identityEnabled,
    webhook: { audience: env.webhook.audience, tenantId: env.webhook.tenantId },
    // On PostgreSQL the simulator's `simulator` schema sits beside the portal's tables.
    openDatabase: () => openDatabase(simulatorDatabaseConfig(env.database), { poolSize: 5 }),
  };
}

// Read on every request: tests change the environment between suites.
configureSimulator(() => simulatorOptionsFor(getEnv()));

export { getSimulatorDb, simulatorDatabaseConfig };

/** Where the production server (`server.mjs`, spelling the same key) finds the simulator's node:http handler. */
const NODE_SIMULATOR_HANDLER_KEY = Symbol.for("marketplace-portal.simulator.node-handler");

/**
 * Hands the production server the simulator's own handler for Microsoft's Metering API, for it to
 * answer before Next.js as it answers the webhook: a submission pass posts thousands of batches, and
 * the framework's per-request work cost more than the batch itself. Same handler, same answers.
 */
export function publishNodeSimulatorHandler(): void {
  (globalThis as Record<symbol, unknown>)[NODE_SIMULATOR_HANDLER_KEY] = handleNodeRequest;
}

async function handleNodeRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`), {
    method,
    headers,
    // The handler reads the body itself, bounded (413 past its limit).
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
  let response: Response;
  try {
    response = await handleSimulatorRequest(request);
  } catch (err) {
    // An injected connection drop: no status at all, as the route's failing body stream does.
    if (err instanceof SimulatedConnectionDrop) return void res.destroy();
    throw err;
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(body.length) });
  res.end(body);
}
