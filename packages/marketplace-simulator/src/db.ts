import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";

/**
 * Any Drizzle PostgreSQL database, whichever driver serves it (PGlite or node-postgres) and
 * whatever schema its owner registered: the simulator queries only its own tables by reference.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
/** Queries take either, so several of them can run in one transaction. */
export type DbOrTx = Db | Tx;

/** The database the simulator is given: its Drizzle handle, which driver it is, and how to close it. */
export interface SimulatorDatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}
