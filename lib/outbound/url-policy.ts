import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { getEnv, type Env } from "@/lib/env";

/**
 * SSRF: the portal POSTs to URLs that staff type in, from inside the ISV's network. With private
 * addresses refused, an endpoint cannot be aimed at the metadata service, the database or other
 * internal services, and redirects are never followed (see send.ts). Names are checked when an
 * endpoint is saved and before each attempt, and the connection itself resolves the name through
 * `connectLookup`, which applies the same test to the addresses it is about to use: a DNS answer
 * that changes between the check and the connection (rebinding) is refused too.
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
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["100::", 64],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

// Checked for IPv6 input only: BlockList matches an IPv4 address against ::ffff:0:0/96 as well.
const embedsIpv4 = new BlockList();
for (const [net, prefix] of [
  // Forms that carry an IPv4 address inside, which a host or a gateway on the way may unwrap and
  // reach over IPv4 (10.0.0.1 as ::ffff:a00:1, 64:ff9b::a00:1 or 2002:a00:1::): refused whole,
  // whatever they embed, as no receiver needs them. IANA's special-purpose registry:
  // https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml
  ["::", 96], // IPv4-compatible (RFC 4291 2.5.5.1), and :: and ::1
  ["::ffff:0:0", 96], // IPv4-mapped (RFC 4291 2.5.5.2)
  ["::ffff:0:0:0", 96], // IPv4-translated (RFC 2765)
  ["64:ff9b::", 96], // NAT64 well-known prefix (RFC 6052)
  ["64:ff9b:1::", 48], // NAT64 local-use prefixes (RFC 8215)
  ["2002::", 16], // 6to4 (RFC 3056)
  ["2001::", 32], // Teredo (RFC 4380)
] as const)
  embedsIpv4.addSubnet(net, prefix, "ipv6");

/** Loopback, private, link-local, carrier-grade NAT, multicast, reserved and IPv4-embedding ranges. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  if (family === 4) return blocked.check(ip, "ipv4");
  return blocked.check(ip, "ipv6") || embedsIpv4.check(ip, "ipv6");
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
  if (url.username || url.password)
    return { ok: false, reason: "Put no user name or password in the URL; receivers check the signature instead." };
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

const familyOf = (f: number | "IPv4" | "IPv6" | undefined) => (f === "IPv4" ? 4 : f === "IPv6" ? 6 : (f ?? 0));

/**
 * The DNS lookup of the sender's connection (node:net's `lookup` option): the addresses handed to
 * the socket pass the same test as `checkEndpointHost`, so a name whose answer changed after that
 * check (DNS rebinding, or a short TTL) is refused instead of reached. Hosts written as addresses
 * never get here; `checkEndpointUrl` has tested them already.
 */
export function connectLookup(policy: UrlPolicy, resolve: ResolveAll = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    const fail = (message: string, code: string) => callback(Object.assign(new Error(message), { code, hostname }), "", 0);
    resolve(hostname).then(
      (addresses) => {
        const inside = policy.allowPrivateNetworks ? undefined : addresses.find(isPrivateAddress);
        if (inside) return fail(`refused: ${hostname} resolves to a private address (${inside}) at connect time.`, "EPRIVATEADDRESS");
        const family = familyOf(options.family);
        const usable = addresses.filter((a) => isIP(a) !== 0 && (family === 0 || isIP(a) === family));
        if (usable.length === 0) return fail(`${hostname} has no address to connect to.`, "ENOTFOUND");
        if (options.all)
          callback(
            null,
            usable.map((address) => ({ address, family: isIP(address) })),
          );
        else callback(null, usable[0]!, isIP(usable[0]!));
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}
