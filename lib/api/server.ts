import "server-only";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { ingestUsage, listUsageHours, usageThisTerm } from "@/lib/metering";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { createApiV1, type ApiV1 } from "./v1";

// On globalThis: every route bundle must count the per-key limit in one place.
const globalForApi = globalThis as unknown as { portalApiV1?: ApiV1 };

/** This process's /api/v1, on its database; built on first call (not at import: `next build` loads routes). */
export function getApiV1(): ApiV1 {
  globalForApi.portalApiV1 ??= createApiV1({
    getDatabase,
    metering: {
      // A subscription whose plan the catalogue lacks gets its offer's plans from Microsoft once.
      ingestUsage: (db, events, source) => ingestUsage(db, events, source, { plans: getMarketplaceClient() }),
      listUsageHours,
      usageThisTerm,
    },
    requestsPerMinute: getEnv().api.requestsPerMinutePerKey,
  });
  return globalForApi.portalApiV1;
}
