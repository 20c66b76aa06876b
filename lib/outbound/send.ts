import "server-only";
import type { AttemptRecord } from "@/db/queries/outbound";
import type { OutboundDelivery, OutboundEndpoint } from "@/db/schema";
import { getSecretBox, type SecretBox } from "./secret-box";
import { signatureHeaders, type SigningKeys } from "./signing";
import { postOnce } from "./post";
import { checkEndpointHost, checkEndpointUrl, connectLookup, type ResolveAll, type UrlPolicy } from "./url-policy";

export const DEFAULT_TIMEOUT_MS = 10_000;
const SNIPPET_BYTES = 1024;
const USER_AGENT = "marketplace-saas-portal-events/1";

export interface SendOptions {
  policy: UrlPolicy;
  now: Date;
  timeoutMs?: number;
  /** Name resolution for both the check before the attempt and the connection itself (tests inject one). */
  resolve?: ResolveAll;
  /** Opens the stored secrets; the process's own (DATA_ENCRYPTION_KEY) unless given. */
  secrets?: SecretBox;
}

export interface AttemptResult extends AttemptRecord {
  ok: boolean;
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return `no answer within ${timeoutMs / 1000} s`;
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  // Node's messages mostly name the code already ("connect ECONNREFUSED 127.0.0.1:9").
  return code && !message.includes(code) && !message.startsWith("refused:") ? `${code}: ${message}` : message;
}

function openSecrets(endpoint: SigningKeys, box: SecretBox): SigningKeys {
  return {
    ...endpoint,
    secret: box.open(endpoint.secret),
    previousSecret: endpoint.previousSecret ? box.open(endpoint.previousSecret) : null,
  };
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
  const refused = (reason: string): AttemptResult => ({
    ok: false,
    startedAt,
    durationMs: 0,
    statusCode: null,
    responseSnippet: null,
    error: `refused: ${reason}`,
  });

  // Checked again at every attempt: the policy or the DNS answer may have changed since the URL was saved.
  const syntax = checkEndpointUrl(endpoint.url, opts.policy);
  if (!syntax.ok) return refused(syntax.reason);
  const host = await checkEndpointHost(syntax.url, opts.policy, opts.resolve);
  if (!host.ok) return refused(host.reason);

  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  try {
    const res = await postOnce(syntax.url, delivery.body, {
      signal: AbortSignal.timeout(timeoutMs),
      // The connection resolves the name again and checks what it is about to connect to.
      lookup: connectLookup(opts.policy, opts.resolve),
      maxBytes: SNIPPET_BYTES,
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        // The delivery ID stays the same across retries and replays, so receivers can deduplicate on it.
        ...signatureHeaders(openSecrets(endpoint, opts.secrets ?? getSecretBox()), delivery.id, delivery.body, startedAt),
      },
    });
    const ok = res.status >= 200 && res.status < 300;
    const error = ok
      ? null
      : res.status >= 300 && res.status < 400
        ? `redirect to ${res.location ?? "?"} not followed`
        : `HTTP ${res.status}`;
    return { ok, startedAt, durationMs: elapsed(), statusCode: res.status, responseSnippet: res.snippet, error };
  } catch (err) {
    return { ok: false, startedAt, durationMs: elapsed(), statusCode: null, responseSnippet: null, error: describe(err, timeoutMs) };
  }
}
