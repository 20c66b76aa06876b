import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiKeys, type ApiKey, type NewApiKey } from "../schema";

export async function insertApiKey(db: DbOrTx, values: NewApiKey): Promise<ApiKey> {
  const [row] = await db.insert(apiKeys).values(values).returning();
  if (!row) throw new Error("api key insert returned no row");
  return row;
}

export async function getApiKeyById(db: DbOrTx, id: string): Promise<ApiKey | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

export async function getApiKeyByPrefix(db: DbOrTx, prefix: string): Promise<ApiKey | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
  return row;
}

/** Newest first; revoked keys stay listed (greyed out) so their history is visible. */
export async function listApiKeys(db: DbOrTx): Promise<ApiKey[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a key that is not revoked yet; undefined when it was (or does not exist). */
export async function markApiKeyRevoked(db: DbOrTx, id: string, by: string): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()`, revokedBy: by })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Records a use unless one was recorded in the last `minIntervalSeconds` (by any instance). */
export async function touchApiKeyLastUsed(db: DbOrTx, id: string, minIntervalSeconds: number): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`)),
      ),
    );
}
