import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { getEnv, type Env } from "@/lib/env";

/**
 * SSRF: the portal POSTs to URLs that staff type in, from inside the ISV's network. With private
 * addresses refused, an endpoint cannot be aimed at the metadata service, the database or other
 * internal services, and redirects are never followed (see send.ts). Names are resolved and checked
 * before each attempt; a DNS answer that changes between that check and the connection (rebinding)
 * is not caught, so the refusal narrows the risk rather than removing it: only owners add endpoints.
 */
export interface UrlPolicy {
  allowPrivateNetworks: boolean;
}

/** Private addresses are fine on a developer's machine and with the simulator; a live production portal refuses them. */
export function defaultUrlPolicy(env: Pick<Env, "nodeEnv" | "marketplace"> = getEnv()): UrlPolicy {
  return { allowPrivateNetworks: env.nodeEnv !== "production" || env.marketplace.mode !== "live" };
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  // BlockList checks IPv4-mapped IPv6 (::ffff:a.b.c.d) against the IPv4 rules; NAT64 it cannot see through.
  ["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["100::", 64], ["64:ff9b::", 96],
] as const) blocked.addSubnet(net, prefix, "ipv6");

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  return blocked.check(ip, family === 4 ? "ipv4" : "ipv6");
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** The checks that need no network: scheme, credentials, and hosts written as addresses or `localhost`. */
export function checkEndpointUrl(raw: string, policy: UrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "Enter a complete URL, such as https://example.com/hooks/marketplace." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "Only http and https URLs can receive events." };
  if (url.username || url.password) return { ok: false, reason: "Put no user name or password in the URL; receivers check the signature instead." };
  if (url.hash) return { ok: false, reason: "Remove the #fragment: it is never sent to the server." };
  if (url.href.length > 2048) return { ok: false, reason: "The URL is longer than 2,048 characters." };
  if (policy.allowPrivateNetworks) return { ok: true, url };
  // Events carry customer data: in production they travel encrypted.
  if (url.protocol !== "https:") return { ok: false, reason: "Use https: events carry customer data." };
  const host = hostOf(url).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host)) {
    return { ok: false, reason: "Private, loopback and link-local addresses are refused." };
  }
  return { ok: true, url };
}

export type ResolveAll = (host: string) => Promise<string[]>;
const resolveAll: ResolveAll = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Resolves the host and refuses it when any of its addresses is private. */
export async function checkEndpointHost(url: URL, policy: UrlPolicy, resolve: ResolveAll = resolveAll): Promise<UrlCheck> {
  if (policy.allowPrivateNetworks) return { ok: true, url };
  const host = hostOf(url);
  if (isIP(host)) return isPrivateAddress(host) ? { ok: false, reason: `${host} is a private address.` } : { ok: true, url };
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    return { ok: false, reason: `${host} could not be resolved (${(err as NodeJS.ErrnoException).code ?? "error"}).` };
  }
  const inside = addresses.find(isPrivateAddress);
  if (inside || addresses.length === 0) return { ok: false, reason: `${host} resolves to a private address (${inside ?? "none"}).` };
  return { ok: true, url };
}
