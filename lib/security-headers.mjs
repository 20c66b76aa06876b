// @ts-check
// The portal's security headers, built in one place. Plain JavaScript (types in security-headers.d.mts)
// because three runtimes read it: proxy.ts (every page and route), next.config.mjs (static assets,
// which the proxy skips) and server.mjs (the webhook calls it answers without Next.js), and the last
// two are loaded by Node.js as they are, without a TypeScript step.
// Pure: configuration comes in as arguments (proxy.ts reads it through lib/env.ts).

/**
 * Features the portal never uses, denied to it and to anything it might embed. Only names Chromium
 * knows: it logs an error for each unknown one.
 * https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/Permissions-Policy
 */
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

/** Two years, the HSTS preload list's minimum; sent only when the portal's public URL is https. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Headers every response carries, whoever answers it (pages, route handlers, static assets, webhook).
 * Static assets and the webhook get no HSTS: browsers learn it from the pages of the same host.
 * Referrer policy: the origin only, and only over https, when a link leaves the portal.
 */
export const BASE_SECURITY_HEADERS = Object.freeze({
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": DENIED_FEATURES.map((f) => `${f}=()`).join(", "),
  "Cross-Origin-Opener-Policy": "same-origin",
  // For browsers without CSP's frame-ancestors, and for responses that carry no CSP (assets, webhook).
  "X-Frame-Options": "DENY",
});

/**
 * Paths whose URL carries a secret: Microsoft's purchase token arrives in /landing's query string.
 * Their pages send no referrer to any other origin ("same-origin"). Not "no-referrer": with it a
 * browser sends `Origin: null` on the page's own form posts (sign-in, confirm) whenever they are
 * submitted natively (before hydration, or without JavaScript), and Next.js then refuses the server
 * action as cross-site. https://fetch.spec.whatwg.org/#origin-header
 */
const TOKEN_PATHS = ["/landing"];
const TOKEN_PATH_REFERRER_POLICY = "same-origin";

/** @param {string} pathname */
export function referrerPolicyFor(pathname) {
  return TOKEN_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))
    ? TOKEN_PATH_REFERRER_POLICY
    : BASE_SECURITY_HEADERS["Referrer-Policy"];
}

/** A fresh, unguessable CSP nonce: 128 random bits, base64. */
export function createNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy for one response.
 * Scripts: only those carrying this response's nonce (Next.js adds it to its own scripts when it finds
 * `'nonce-…'` in the request's CSP header) and what they load ('strict-dynamic'); 'self' is the
 * fallback for browsers without 'strict-dynamic'. Styles: stylesheets from the portal, nonce'd <style>
 * elements, and the build's own stylesheets inlined into the page (`styleHashes`, lib/inline-style-hashes.ts);
 * style attributes stay allowed (React renders `style={…}` as attributes, e.g. chart
 * swatches and progress bars) since they cannot run code.
 * https://nextjs.org/docs/app/guides/content-security-policy
 * No form-action: the Open control posts to /api/handoff, which redirects to the offer's product URL
 * (any origin staff configure), and Chromium applies form-action to that redirect too.
 * @param {{ nonce: string, dev?: boolean, styleHashes?: readonly string[] }} options
 */
export function contentSecurityPolicy({ nonce, dev = false, styleHashes = [] }) {
  const directives = [
    "default-src 'self'",
    // React uses eval in development only, to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    ["style-src", "'self'", `'nonce-${nonce}'`, ...styleHashes.map((h) => `'${h}'`)].join(" "),
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/**
 * Every security header of one page or route response.
 * @param {{ pathname: string, nonce: string, https: boolean, dev?: boolean, styleHashes?: readonly string[] }} options
 * @returns {Record<string, string>}
 */
export function securityHeaders({ pathname, nonce, https, dev, styleHashes }) {
  /** @type {Record<string, string>} */
  const headers = {
    ...BASE_SECURITY_HEADERS,
    "Referrer-Policy": referrerPolicyFor(pathname),
    "Content-Security-Policy": contentSecurityPolicy({ nonce, dev, styleHashes }),
  };
  // Over plain http the header is ignored by browsers, and it would pin a development host to https.
  if (https) headers["Strict-Transport-Security"] = HSTS_VALUE;
  return headers;
}
