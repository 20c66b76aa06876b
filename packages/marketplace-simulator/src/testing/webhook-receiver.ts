import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookPayload } from "../types";

export interface ReceivedWebhook {
  payload: WebhookPayload;
  authorization: string | undefined;
}

/** A stand-in for the portal's webhook route: records every call and answers with `status`. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Decides the HTTP status per call; 200 unless replaced. */
  answer: (payload: WebhookPayload) => number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, "url" | "close"> = { received: [], answer: () => 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as WebhookPayload;
      receiver.received.push({ payload, authorization: req.headers.authorization });
      res.statusCode = receiver.answer(payload);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/api/webhook`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  });
}
