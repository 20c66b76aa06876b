import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db, SimulatorDatabaseHandle } from "../db";

/** A second connection pool on a PostgreSQL database, as another app instance on it would have. */
export function openPostgres(url: string, poolSize = 2): SimulatorDatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection ended by the server (the test database dropped) is no failure of the test;
  // without a listener node-postgres would raise it as an uncaught exception.
  pool.on("error", () => {});
  const db = drizzle(pool, { casing: "snake_case" }) as unknown as Db;
  return { db, kind: "postgres", close: () => pool.end() };
}
