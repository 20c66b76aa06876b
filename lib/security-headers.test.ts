import { describe, expect, it } from "vitest";
import {
  BASE_SECURITY_HEADERS,
  contentSecurityPolicy,
  createNonce,
  HSTS_VALUE,
  referrerPolicyFor,
  securityHeaders,
} from "./security-headers.mjs";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("securityHeaders", () => {
  it("sends HSTS only when the public URL is https", () => {
    expect(securityHeaders({ pathname: "/", nonce: "n", https: true })["Strict-Transport-Security"]).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toBe("max-age=63072000; includeSubDomains");
    expect(securityHeaders({ pathname: "/", nonce: "n", https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("sends no referrer to other origins from /landing, whose URL carries the purchase token", () => {
    expect(securityHeaders({ pathname: "/landing", nonce: "n", https: false })["Referrer-Policy"]).toBe("same-origin");
    expect(referrerPolicyFor("/landing/")).toBe("same-origin");
    for (const path of ["/", "/account", "/admin", "/landingpage", "/api/health", "/api/health/live", "/api/health/ready"]) {
      expect(referrerPolicyFor(path), path).toBe("strict-origin-when-cross-origin");
    }
  });

  it("carries the headers every response carries", () => {
    const headers = securityHeaders({ pathname: "/account", nonce: "n", https: false });
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(headers["Permissions-Policy"]).toContain(`${feature}=()`);
    }
    expect(BASE_SECURITY_HEADERS).not.toHaveProperty("Content-Security-Policy");
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only, never inline or eval in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc+/=" }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc+/='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("sets no form-action, so the Open control's redirect may reach the offer's product on any origin", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n" })).has("form-action")).toBe(false);
  });

  it("allows the build's inlined stylesheets by hash, and no other inline style", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "n", styleHashes: ["sha256-AAA=", "sha256-BBB="] }));
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-n'", "'sha256-AAA='", "'sha256-BBB='"]);
  });

  it("adds 'unsafe-eval' in development only, for React's error stacks", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("createNonce", () => {
  it("is 128 random bits, different every time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
