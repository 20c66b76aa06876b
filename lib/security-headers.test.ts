import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import {
  BASE_SECURITY_HEADERS,
  contentSecurityPolicy,
  createNonce,
  HSTS_VALUE,
  referrerPolicyFor,
  securityHeaders,
  signInFormActionOrigins,
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
    for (const path of ["/", "/account", "/admin", "/landingpage", "/api/health"]) {
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

  it("lets the sign-in form's redirect reach the identity provider", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "n", formActionOrigins: ["https://login.microsoftonline.com"] }));
    expect(csp.get("form-action")).toEqual(["'self'", "https://login.microsoftonline.com"]);
  });

  it("sends the sign-in form to Entra's login host when sign-in is Entra, else to the simulator", () => {
    const live = parseEnv({
      PUBLIC_BASE_URL: "https://portal.example.com",
      MARKETPLACE_TENANT_ID: "11111111-1111-4111-8111-111111111111",
      MARKETPLACE_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
      MARKETPLACE_CLIENT_SECRET: "marketplace-secret",
      AUTH_ENTRA_CLIENT_ID: "33333333-3333-4333-8333-333333333333",
      AUTH_ENTRA_CLIENT_SECRET: "sign-in-secret",
      AUTH_SECRET: "x".repeat(32),
    });
    expect(signInFormActionOrigins(live.auth)).toEqual(["https://login.microsoftonline.com"]);
    const simulator = parseEnv({ PUBLIC_BASE_URL: "http://localhost:3000" });
    expect(signInFormActionOrigins(simulator.auth)).toEqual(["https://login.simulator.invalid", "http://localhost:3000"]);
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
