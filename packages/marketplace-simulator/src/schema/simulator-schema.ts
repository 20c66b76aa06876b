import { pgSchema } from "drizzle-orm/pg-core";

/**
 * Microsoft's side of the marketplace lives in its own schema, next to the portal's tables.
 * Deliberately not re-exported from index.ts: drizzle-kit would then emit `CREATE SCHEMA`, which
 * fails because the migrator creates the schema first to hold its own bookkeeping table.
 */
export const simulator = pgSchema("simulator");
