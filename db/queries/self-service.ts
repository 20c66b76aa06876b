import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { offerSelfService } from "../schema";

export interface SelfServiceSettings {
  changeSeats: boolean;
  changePlan: boolean;
  cancel: boolean;
}

export const SELF_SERVICE_DEFAULTS: SelfServiceSettings = { changeSeats: true, changePlan: true, cancel: true };

export async function getSelfServiceSettings(db: DbOrTx, offerId: string): Promise<SelfServiceSettings> {
  const [row] = await db.select().from(offerSelfService).where(eq(offerSelfService.offerId, offerId)).limit(1);
  return row ? { changeSeats: row.changeSeats, changePlan: row.changePlan, cancel: row.cancel } : { ...SELF_SERVICE_DEFAULTS };
}

export async function upsertSelfServiceSettings(db: DbOrTx, offerId: string, settings: SelfServiceSettings): Promise<void> {
  await db
    .insert(offerSelfService)
    .values({ offerId, ...settings })
    .onConflictDoUpdate({ target: offerSelfService.offerId, set: { ...settings, updatedAt: new Date() } });
}
