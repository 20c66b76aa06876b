import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { PATHNAME_HEADER } from "@/lib/i18n/locales";
import { inlineStyleHashes } from "@/lib/inline-style-hashes";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { createNonce, securityHeaders } from "@/lib/security-headers.mjs";

/**
 * Every page and route response gets the portal's security headers (lib/security-headers.mjs) with a
 * fresh CSP nonce. Next.js reads the nonce from the request's CSP header and puts it on its own
 * scripts (https://nextjs.org/docs/app/guides/content-security-policy); pages are rendered per
 * request (app/layout.tsx), so every page carries the nonce of its own response.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const { pathname, search } = request.nextUrl;
  const nonce = createNonce();
  const headers = securityHeaders({
    pathname,
    nonce,
    https: env.publicBaseUrl.startsWith("https://"),
    dev: env.nodeEnv === "development",
    styleHashes: inlineStyleHashes(),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]!);
  requestHeaders.set(PATHNAME_HEADER, pathname); // staff pages stay English (lib/i18n/request.ts)
  requestHeaders.set("x-nonce", nonce); // for a server component that renders its own <Script nonce>
  // Pages only see form-decoded search params, which turn a `+` of the purchase token into a space.
  // Hand the landing page the raw query so it can decode the token exactly once (and the welcome
  // page's layout its hand-off token, for the offer's brand: layouts get no search params).
  if (pathname === "/landing" || pathname === "/welcome") requestHeaders.set(RAW_SEARCH_HEADER, search);
  else requestHeaders.delete(RAW_SEARCH_HEADER);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Everything but the build's static files, which get their headers from next.config.mjs.
export const config = { matcher: ["/((?!_next/static/|_next/image|favicon\\.ico).*)"] };
