/** Only same-site paths may be redirect targets: never another origin, never `//host`. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/**
 * Where Auth.js sends the browser after signing in or out (its `redirect` callback): a same-site path
 * or an address on the portal's own origin, else the portal's root. Unlike Auth.js's default, a
 * callback URL that is not a URL at all is refused rather than thrown on.
 * https://authjs.dev/reference/core#redirect
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) return `${baseUrl}${safeRedirectPath(url)}`;
  try {
    return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
  } catch {
    return baseUrl;
  }
}
