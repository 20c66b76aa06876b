import createNextIntlPlugin from "next-intl/plugin";
import { BASE_SECURITY_HEADERS } from "./lib/security-headers.mjs";

// The buyer pages' languages: next-intl reads the request's locale and messages from lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Static files skip proxy.ts (no CSP nonce to give them) but still get the headers every response carries.
const staticHeaders = Object.entries(BASE_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The container image (Dockerfile) runs the build's standalone folder: only the files the server
  // needs, node_modules included. https://nextjs.org/docs/app/api-reference/config/next-config-js/output
  output: "standalone",
  // What the standalone folder needs beyond Next.js's own trace: the production server (server.mjs)
  // and the plain modules it imports, and both migration folders, read from disk at start.
  outputFileTracingIncludes: {
    "/**": [
      "./server.mjs",
      "./lib/security-headers.mjs",
      "./lib/rate-limit/client-address.mjs",
      "./lib/log/config.mjs",
      "./lib/log/request-context.mjs",
      "./lib/server-action-guard.mjs",
      "./db/migrations/*.sql",
      "./db/migrations/meta/_journal.json",
      "./packages/marketplace-simulator/migrations/*.sql",
      "./packages/marketplace-simulator/migrations/meta/_journal.json",
    ],
  },
  // drizzle-kit's schema snapshots sit beside the journal but only matter for generating migrations. (The
  // portal's own still come along: Next.js traces the instrumentation hook's files, which this does not reach.)
  // A local data folder (the embedded database, the generated session secret) never goes into a build.
  outputFileTracingExcludes: {
    "/**": ["./db/migrations/meta/*_snapshot.json", "./packages/marketplace-simulator/migrations/meta/*_snapshot.json", "./.data/**"],
  },
  poweredByHeader: false,
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  // OpenTelemetry's instrumentations patch modules as Node.js loads them, so they must not be bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "@opentelemetry/sdk-node",
    "@opentelemetry/instrumentation-http",
    "@opentelemetry/instrumentation-pg",
    "@opentelemetry/instrumentation-undici",
    "@opentelemetry/exporter-trace-otlp-http",
  ],
  // The simulator is a workspace package of TypeScript source, compiled with the app.
  transpilePackages: ["marketplace-simulator", "action-form"],
  // `npm test` (scripts/test.mjs) runs `tsc --noEmit` as its first stage and sets this for its build
  // stage only, so the same program is not type-checked twice. `npm run build` always type-checks.
  typescript: { ignoreBuildErrors: process.env.PORTAL_BUILD_TYPECHECKED === "1" },
  experimental: {
    // The stylesheet goes into the HTML rather than a render-blocking request: on a slow phone
    // network that request is a whole round trip before the landing page can paint. Its hash
    // allows it in the CSP (lib/inline-style-hashes.ts).
    // https://nextjs.org/docs/app/api-reference/config/next-config-js/inlineCss
    inlineCss: true,
    // Turbopack keeps a cache of the build for the next one (about 150 MB in .next/cache). `npm test`
    // sets PORTAL_BUILD_CACHE=0 when there is none to read, as in a clean clone or CI, where writing it
    // is work on the way to Playwright that nothing reuses.
    turbopackFileSystemCacheForBuild: process.env.PORTAL_BUILD_CACHE !== "0",
  },
  async headers() {
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico"].map((source) => ({ source, headers: staticHeaders }));
  },
};

export default withNextIntl(nextConfig);
