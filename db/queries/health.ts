import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

/** A round trip to the database, for the health endpoint. */
export async function pingDatabase(db: DbOrTx): Promise<void> {
  await db.execute(sql`select 1`);
}
