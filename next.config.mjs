import { BASE_SECURITY_HEADERS } from "./lib/security-headers.mjs";

// Static files skip proxy.ts (no CSP nonce to give them) but still get the headers every response carries.
const staticHeaders = Object.entries(BASE_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
  transpilePackages: ["marketplace-simulator"],
  // `npm test` (scripts/test.mjs) runs `tsc --noEmit` as its first stage and sets this for its build
  // stage only, so the same program is not type-checked twice. `npm run build` always type-checks.
  typescript: { ignoreBuildErrors: process.env.PORTAL_BUILD_TYPECHECKED === "1" },
  async headers() {
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico"].map((source) => ({ source, headers: staticHeaders }));
  },
};

export default nextConfig;
