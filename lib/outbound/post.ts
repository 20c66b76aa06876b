import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";

export interface PostAnswer {
  status: number;
  location: string | null;
  /** The first `maxBytes` of the body, or null when reading it failed. */
  snippet: string | null;
}

export interface PostOptions {
  headers: Record<string, string>;
  /** Resolves the host for the socket; the connect-time address check lives there. */
  lookup: LookupFunction;
  signal: AbortSignal;
  maxBytes: number;
}

function readSnippet(res: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok ? new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes)) : null);
    };
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.byteLength;
      // A receiver may answer with an endless body: keep the start, drop the connection.
      if (total >= maxBytes) {
        finish(true);
        res.destroy();
      }
    });
    res.on("end", () => finish(true));
    res.on("error", () => finish(false));
    res.on("close", () => finish(res.complete));
  });
}

/**
 * One POST over node's own http/https client, which (unlike `fetch`) takes the DNS lookup its
 * socket uses. Redirects are never followed, and the connection is not pooled, so every attempt
 * resolves and checks the host afresh.
 */
export function postOnce(url: URL, body: string, opts: PostOptions): Promise<PostAnswer> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        agent: false,
        lookup: opts.lookup,
        signal: opts.signal,
        headers: { ...opts.headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        const location = res.headers.location ?? null;
        void readSnippet(res, opts.maxBytes).then((snippet) => resolve({ status: res.statusCode ?? 0, location, snippet }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
