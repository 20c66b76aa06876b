# syntax=docker/dockerfile:1
# The portal's container image: Next.js's standalone output (only the files the server needs,
# node_modules included) run by server.mjs, as an unprivileged user. Build and run:
#   docker build -t marketplace-portal .
#   docker run -p 3000:3000 -v portal-data:/data marketplace-portal            (PGlite under /data)
#   docker run --rm -e DATABASE_URL=postgres://… marketplace-portal node db/migrate.mjs
# e2e/standalone.api.spec.ts copies and starts the standalone output exactly as this file does.

# Node.js 20.19 or newer (package.json engines). Node 20 is the line the test suite runs on; its
# upstream support ended on 2026-04-30, so build with --build-arg NODE_VERSION=22 once the suite
# has run on 22 (https://nodejs.org/en/about/previous-releases).
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies first, so that a source change reuses this layer.
FROM base AS deps
COPY package.json package-lock.json .npmrc ./
COPY packages/marketplace-simulator/package.json packages/marketplace-simulator/
RUN npm ci --no-audit --no-fund

# The production build; its standalone folder gets the bundled migration command beside the server.
FROM base AS build
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build \
 && node scripts/build-migrate.mjs .next/standalone/db/migrate.mjs

# Runtime: no sources, no dev dependencies, no npm cache; files owned by root and read-only to the
# server, which writes only under /data (PGlite, and the generated session secret without AUTH_SECRET).
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    PGLITE_DIR=/data/pglite
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (no database): a database outage must not get every instance restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT||3000}/api/health/live`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches node directly (exec form): server.mjs drains and exits.
CMD ["node", "server.mjs"]
