import { notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "./db";
import { writeDefaultRuntimeConfig } from "./config";
import { simFaultRules, simOffers, simPlans, simSubscriptions } from "./schema";
import { seedOffers, seedPlans } from "./seed-data";

/** Inserts the seeded catalogue and default config where missing; safe to run from every instance. */
export async function ensureSeed(db: DbOrTx, now: Date): Promise<void> {
  await db.insert(simOffers).values(seedOffers).onConflictDoNothing({ target: simOffers.id });
  await db
    .insert(simPlans)
    .values(seedPlans)
    .onConflictDoNothing({ target: [simPlans.offerId, simPlans.planId] });
  await writeDefaultRuntimeConfig(db, now, { onlyIfMissing: true });
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

async function restoreCatalogue(db: DbOrTx): Promise<void> {
  await db.delete(simOffers).where(
    notInArray(
      simOffers.id,
      seedOffers.map((o) => o.id),
    ),
  );
  await db
    .insert(simOffers)
    .values(seedOffers)
    .onConflictDoUpdate({
      target: simOffers.id,
      set: {
        displayName: excluded("display_name"),
        description: excluded("description"),
        isPricePerSeat: excluded("is_price_per_seat"),
        position: excluded("position"),
      },
    });
  await db.delete(simPlans);
  await db.insert(simPlans).values(seedPlans);
}

export type ResetHook = (tx: DbOrTx) => Promise<void>;

/** Signing keys survive a reset, so tokens the portal already cached stay valid. */
export async function resetSimulator(db: Db, now: Date, extra: ResetHook[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(simSubscriptions);
    await tx.delete(simFaultRules);
    await restoreCatalogue(tx);
    await writeDefaultRuntimeConfig(tx, now, { onlyIfMissing: false });
    for (const hook of extra) await hook(tx);
  });
}
