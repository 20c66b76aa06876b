// The client address abuse limits count by (lib/rate-limit). Plain JavaScript because the production
// server (server.mjs) uses it before Next.js loads; the portal's TypeScript imports it too.
import { isIPv4, isIPv6 } from "node:net";

/** Set by server.mjs on every request after deleting whatever a client sent under this name. */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-ip";
/** On globalThis once server.mjs sets the header: without it the header is a client's word and ignored. */
export const CLIENT_ADDRESS_TRUSTED = Symbol.for("marketplace-portal.client-address-header");
/** The one bucket every caller shares when no address is known (`next dev` / `next start`). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * TRUST_PROXY_HOPS: how many proxies in front of the portal append to X-Forwarded-For.
 * Returns null when the value is not a whole number from 0 to 10 (lib/env.ts refuses it with the
 * other configuration problems).
 * @param {string | undefined} raw
 * @returns {number | null}
 */
export function parseTrustProxyHops(raw) {
  const text = raw?.trim() ?? "";
  if (text === "") return 0;
  return /^\d+$/.test(text) && Number(text) <= 10 ? Number(text) : null;
}

/**
 * The address to count by: the socket's peer, or with `hops` trusted proxies the X-Forwarded-For
 * entry the outermost trusted proxy saw (each proxy appends its peer, so entries left of that one are
 * the client's own word). IPv6 clients are counted by their /64, which one subscriber usually holds.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} hops
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, hops) {
  const chain =
    hops > 0
      ? String(forwardedFor ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  chain.push(socketAddress ?? "");
  return normalize(chain[Math.max(0, chain.length - 1 - hops)] ?? "");
}

/** @param {string} raw */
function normalize(raw) {
  let address = raw.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1] ?? address;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return UNKNOWN_CLIENT;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * Replaces any client-sent CLIENT_ADDRESS_HEADER with the address determined here.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} hops
 */
export function setClientAddressHeader(req, hops) {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
}
