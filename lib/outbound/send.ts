import type { AttemptRecord } from "@/db/queries/outbound";
import type { OutboundDelivery, OutboundEndpoint } from "@/db/schema";
import { getSecretBox, type SecretBox } from "./secret-box";
import { signatureHeaders, type SigningKeys } from "./signing";
import { checkEndpointHost, checkEndpointUrl, type ResolveAll, type UrlPolicy } from "./url-policy";

export const DEFAULT_TIMEOUT_MS = 10_000;
const SNIPPET_BYTES = 1024;
const USER_AGENT = "marketplace-saas-portal-events/1";

export interface SendOptions {
  policy: UrlPolicy;
  now: Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
  resolve?: ResolveAll;
  /** Opens the stored secrets; the process's own (DATA_ENCRYPTION_KEY) unless given. */
  secrets?: SecretBox;
}

export interface AttemptResult extends AttemptRecord {
  ok: boolean;
}

async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, SNIPPET_BYTES));
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return `no answer within ${timeoutMs / 1000} s`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return cause?.code ? `${cause.code}: ${cause.message ?? message}` : message;
}

function openSecrets(endpoint: SigningKeys, box: SecretBox): SigningKeys {
  return { ...endpoint, secret: box.open(endpoint.secret), previousSecret: endpoint.previousSecret ? box.open(endpoint.previousSecret) : null };
}

/**
 * One signed POST. Any 2xx is success; anything else, a timeout or a network error is a failed
 * attempt that the caller retries. Redirects are not followed: a 3xx could point inside the network.
 */
export async function sendEvent(
  endpoint: Pick<OutboundEndpoint, "url" | "secret" | "previousSecret" | "previousSecretExpiresAt">,
  delivery: Pick<OutboundDelivery, "id" | "body">,
  opts: SendOptions,
): Promise<AttemptResult> {
  const startedAt = opts.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const refused = (reason: string): AttemptResult => ({ ok: false, startedAt, durationMs: 0, statusCode: null, responseSnippet: null, error: `refused: ${reason}` });

  // Checked again at every attempt: the policy or the DNS answer may have changed since the URL was saved.
  const syntax = checkEndpointUrl(endpoint.url, opts.policy);
  if (!syntax.ok) return refused(syntax.reason);
  const host = await checkEndpointHost(syntax.url, opts.policy, opts.resolve);
  if (!host.ok) return refused(host.reason);

  const doFetch = opts.fetch ?? globalThis.fetch;
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  try {
    const res = await doFetch(syntax.url, {
      method: "POST",
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        // The delivery ID stays the same across retries and replays, so receivers can deduplicate on it.
        ...signatureHeaders(openSecrets(endpoint, opts.secrets ?? getSecretBox()), delivery.id, delivery.body, startedAt),
      },
    });
    const snippet = await readSnippet(res).catch(() => null);
    const ok = res.status >= 200 && res.status < 300;
    const error = ok ? null : res.status >= 300 && res.status < 400 ? `redirect to ${res.headers.get("location") ?? "?"} not followed` : `HTTP ${res.status}`;
    return { ok, startedAt, durationMs: elapsed(), statusCode: res.status, responseSnippet: snippet, error };
  } catch (err) {
    return { ok: false, startedAt, durationMs: elapsed(), statusCode: null, responseSnippet: null, error: describe(err, timeoutMs) };
  }
}
