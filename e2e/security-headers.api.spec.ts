import { expect, test, type APIResponse } from "@playwright/test";

// The headers every response carries (lib/security-headers.mjs), over plain http as the tests run.
const expectBaseHeaders = (res: APIResponse, referrerPolicy = "strict-origin-when-cross-origin") => {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe(referrerPolicy);
  expect(h["cross-origin-opener-policy"]).toBe("same-origin");
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
    expect(h["permissions-policy"]).toContain(`${feature}=()`);
  expect(h["strict-transport-security"], "no HSTS while the public URL is http").toBeUndefined();
};

const nonceOf = (res: APIResponse) => {
  const csp = res.headers()["content-security-policy"] ?? "";
  const script = csp.split("; ").find((d) => d.startsWith("script-src ")) ?? "";
  expect(script).not.toContain("'unsafe-inline'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp, "no form-action: the hand-off redirects to the product's own origin").not.toContain("form-action");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
  expect(nonce, `a nonce in ${csp}`).toBeTruthy();
  expect(script).toContain("'strict-dynamic'");
  return nonce!;
};

for (const [path, status, referrerPolicy] of [
  ["/", 200, undefined],
  ["/landing", 200, "same-origin"],
  ["/landing?token=abc%2Bdef", 200, "same-origin"],
  ["/account", 200, undefined],
  ["/sign-in", 200, undefined],
  ["/simulator", 200, undefined],
  ["/api/health", 200, undefined],
  ["/api/health/live", 200, undefined],
  ["/api/health/ready", 200, undefined],
] as const) {
  test(`${path} carries the security headers and a CSP with a nonce`, async ({ request }) => {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(status);
    expectBaseHeaders(res, referrerPolicy);
    nonceOf(res);
  });
}

test("/admin carries the headers on its way to sign-in", async ({ request }) => {
  const res = await request.get("/admin", { maxRedirects: 0 });
  // A redirect, or (once the admin layout has started streaming) a page whose body redirects.
  const target = res.status() === 307 ? res.headers().location : await res.text();
  expect(target).toContain("/sign-in?callbackUrl=");
  expectBaseHeaders(res);
  nonceOf(res);
});

test("every page gets its own nonce, and Next.js's scripts carry it", async ({ request }) => {
  const [first, second] = [await request.get("/"), await request.get("/")];
  const nonce = nonceOf(first);
  expect(nonceOf(second)).not.toBe(nonce);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag, "every script tag carries this response's nonce").toContain(`nonce="${nonce}"`);
});

test("the webhook's own answers (401 without a token) carry the headers", async ({ request }) => {
  const res = await request.post("/api/webhook", { data: {} });
  expect(res.status()).toBe(401);
  expectBaseHeaders(res);
});

test("static assets carry the headers, without a CSP", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const src = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(src, "a script from the build").toBeTruthy();
  const res = await request.get(src!);
  expect(res.status()).toBe(200);
  expectBaseHeaders(res);
  expect(res.headers()["x-frame-options"]).toBe("DENY");
});
