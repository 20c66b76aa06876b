import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema";
import type { DatabaseConfig } from "@/lib/env";

type Schema = typeof schema;
/** The portal's database, whichever driver serves it: PGlite and node-postgres share one API. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either, so services can run several of them in one transaction. */
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseConfig["kind"];
  /** PostgreSQL only: the pool behind `db`, for the abuse limiter's store (lib/rate-limit). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/**
 * Where the simulator keeps Microsoft's side: PGlite allows one instance per data folder and the
 * portal holds its own, so file-backed PGlite gets a sibling; PostgreSQL and in-memory PGlite are shared.
 */
export function simulatorDatabaseConfig(config: DatabaseConfig): DatabaseConfig {
  if (config.kind === "postgres" || config.dir.startsWith("memory://")) return config;
  return { kind: "pglite", dir: `${config.dir.replace(/\/+$/, "")}-simulator` };
}

/** Opens a database. PGlite `dir` may be "memory://" for a throwaway in-memory database. */
export function openDatabase(config: DatabaseConfig, opts: { poolSize?: number } = {}): DatabaseHandle {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: opts.poolSize ?? 10 });
    // An idle client losing its connection (a PostgreSQL restart) must not crash the process;
    // the pool replaces it and the next query reconnects.
    pool.on("error", (err) => console.error("database: idle connection lost", err.message));
    const db = drizzlePg(pool, { schema, casing: "snake_case" }) as unknown as Db;
    return { db, kind: "postgres", pool, close: () => pool.end() };
  }
  // PGlite does not create missing parent folders.
  if (!config.dir.startsWith("memory://")) mkdirSync(path.resolve(config.dir), { recursive: true });
  // pg_trgm backs the admin list's substring search, as on PostgreSQL.
  const client = new PGlite(config.dir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}
