import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustProxyHops, setClientAddressHeader, UNKNOWN_CLIENT } from "./client-address.mjs";

describe("client address for abuse limits", () => {
  it("is the socket's peer unless proxies are trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
  });

  it("takes the entry the outermost trusted proxy appended, never one the client wrote", () => {
    // client wrote 192.0.2.66; proxy A saw 198.51.100.7; proxy B (the socket peer) saw A.
    expect(clientAddress("10.0.0.2", "192.0.2.66, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.1", "192.0.2.66, 198.51.100.7", 1)).toBe("198.51.100.7");
    // Fewer entries than hops: the leftmost there is.
    expect(clientAddress("10.0.0.1", "198.51.100.7", 3)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.1", "not-an-address", 1)).toBe(UNKNOWN_CLIENT);
  });

  it("counts an IPv6 client by its /64", () => {
    expect(clientAddress("2001:db8:a:b:1::2", undefined, 0)).toBe("2001:db8:a:b::/64");
    expect(clientAddress("2001:db8:a:b:ffff::9", undefined, 0)).toBe("2001:db8:a:b::/64");
    expect(clientAddress("10.0.0.1", "[2001:db8::1]", 1)).toBe("2001:db8:0:0::/64");
  });

  it("replaces a client-sent internal header", () => {
    const req = {
      headers: { [CLIENT_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-for": "192.0.2.2" },
      socket: { remoteAddress: "203.0.113.4" },
    };
    setClientAddressHeader(req as unknown as IncomingMessage, 0);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.4");
  });

  it("parses TRUST_PROXY_HOPS: default 0, whole numbers up to 10", () => {
    expect([undefined, "", "0", "2", "10"].map(parseTrustProxyHops)).toEqual([0, 0, 0, 2, 10]);
    expect(["-1", "1.5", "11", "one"].map(parseTrustProxyHops)).toEqual([null, null, null, null]);
    // lib/env.ts reports the same values with the other configuration problems.
    expect(parseEnv({}).trustProxyHops).toBe(0);
    expect(parseEnv({ TRUST_PROXY_HOPS: "2" }).trustProxyHops).toBe(2);
    for (const bad of ["-1", "1.5", "11", "one"]) expect(() => parseEnv({ TRUST_PROXY_HOPS: bad })).toThrow(EnvError);
  });
});
