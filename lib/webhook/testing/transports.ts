import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeWebhookHandler, createWebhookHandler, type WebhookHandlerDeps } from "../handler";

export type WebhookHandle = (request: Request) => Promise<Response>;
export type WebhookTransport = (deps: WebhookHandlerDeps) => Promise<WebhookHandle>;

/**
 * The same handler behind both transports: the App Router route (fetch's Request) and the
 * production server's node:http fast path, reached over loopback. `beforeNode` runs on each
 * node:http request first, as server.mjs does (e.g. to set the client address). Call `close`
 * in afterAll.
 */
export function webhookTransports(beforeNode?: (req: IncomingMessage) => void) {
  const servers: Server[] = [];
  const transports: Record<string, WebhookTransport> = {
    route: async (deps) => createWebhookHandler(deps),
    "node:http": async (deps) => {
      const handleNode = createNodeWebhookHandler(deps);
      const server = createServer((req, res) => {
        beforeNode?.(req);
        void handleNode(req, res);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(server);
      const { port } = server.address() as AddressInfo;
      return (request) =>
        fetch(`http://127.0.0.1:${port}/api/webhook`, {
          method: "POST",
          headers: request.headers,
          body: request.body,
          duplex: "half",
        } as RequestInit);
    },
  };
  async function close() {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
  return { transports, close };
}
