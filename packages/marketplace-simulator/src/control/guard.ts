import { BlockList, isIP } from "node:net";
import { controlError } from "./errors";

/**
 * The control API has no credentials of its own (it is a developer's tool), so a page on another
 * site must not be able to drive it from the browser of someone running the portal. A cross-site
 * page can send a "simple" request (a form post, or `fetch` in no-cors mode) without a CORS
 * preflight, but only with a form or text/plain body, and a browser always names the page's
 * origin on such a write. Requiring `application/json` forces a preflight, which is never
 * granted; refusing a foreign `Origin` covers browsers that skip it. Callers without a browser
 * (tests, curl, scripts) send no `Origin` and are let in. See
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#simple_requests and
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Origin.
 */
export interface ControlOptions {
  /** The portal's own origin (`SimulatorOptions.portalOrigin`): the only page allowed to write. */
  portalOrigin: string;
}

const READS = new Set(["GET", "HEAD"]);

const originOf = (raw: string): string | null => {
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
};

/** Throws 403 for a foreign `Origin` and 415 for a body that is not JSON, on every write. */
export function checkControlWrite(request: Request, opts: ControlOptions): void {
  if (READS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  // `Origin: null` (sandboxed frames, file: pages) is a page too, just an anonymous one.
  if (origin !== null && originOf(origin) !== originOf(opts.portalOrigin)) {
    throw controlError(
      403,
      `Writes to the simulator's control API are accepted only from ${originOf(opts.portalOrigin)} or without an Origin header; this one came from ${origin}.`,
    );
  }
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw controlError(415, `Send writes to the control API as application/json (got ${mediaType || "no content type"}).`);
  }
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost") return true;
  const family = isIP(host);
  // BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rule.
  return family !== 0 && loopback.check(host, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Where the simulator may send its signed webhooks: the portal itself or a receiver on this
 * machine. Anything else would let the control API make the server POST to arbitrary hosts.
 * Returns the reason for a refusal, or null.
 */
export function webhookUrlProblem(raw: string, opts: ControlOptions): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "webhookUrl is not a URL.";
  }
  if (url.origin === originOf(opts.portalOrigin) || isLoopbackHost(url.hostname)) return null;
  return `webhookUrl must be on the portal's own origin (${originOf(opts.portalOrigin)}) or a loopback address (127.0.0.0/8, ::1, localhost); ${url.host} is neither.`;
}
