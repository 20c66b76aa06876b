import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "./db";
import { simRuntimeConfig, type SimRuntimeConfig } from "./schema";

const CONFIG_ID = 1;

export const defaultRuntimeConfig = {
  operationDelayMs: 3_000,
  /** Microsoft gives the publisher 10 s to reject a customer's plan or quantity change. */
  rejectWindowMs: 10_000,
  /** Current docs: a purchase token is valid for 24 hours. */
  purchaseTokenLifetimeSeconds: 24 * 3600,
  webhookMaxAttempts: 5,
  webhookRetryDelayMs: 2_000,
  webhookUrl: null as string | null,
} satisfies Omit<SimRuntimeConfig, "id" | "updatedAt">;

export type RuntimeConfig = typeof defaultRuntimeConfig;

export const runtimeConfigUpdateSchema = z
  .strictObject({
    operationDelayMs: z.int().min(0).max(600_000),
    rejectWindowMs: z.int().min(0).max(600_000),
    purchaseTokenLifetimeSeconds: z
      .int()
      .min(1)
      .max(30 * 24 * 3600),
    webhookMaxAttempts: z.int().min(1).max(500),
    webhookRetryDelayMs: z.int().min(0).max(3_600_000),
    webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
  })
  .partial();
export type RuntimeConfigUpdate = z.infer<typeof runtimeConfigUpdateSchema>;

function toConfig(row: SimRuntimeConfig): RuntimeConfig {
  const { id: _id, updatedAt: _updated, ...config } = row;
  return config;
}

/** The shared timing knobs; falls back to the defaults if the row was never written. */
export async function getRuntimeConfig(db: DbOrTx): Promise<RuntimeConfig> {
  const [row] = await db.select().from(simRuntimeConfig).where(eq(simRuntimeConfig.id, CONFIG_ID));
  return row ? toConfig(row) : { ...defaultRuntimeConfig };
}

export async function updateRuntimeConfig(db: DbOrTx, update: RuntimeConfigUpdate, now: Date): Promise<RuntimeConfig> {
  const values = { ...defaultRuntimeConfig, ...update, id: CONFIG_ID, updatedAt: now };
  const [row] = await db
    .insert(simRuntimeConfig)
    .values(values)
    .onConflictDoUpdate({ target: simRuntimeConfig.id, set: { ...update, updatedAt: now } })
    .returning();
  return toConfig(row!);
}

/** Writes the defaults: once at start-up (`onlyIfMissing`), and on reset. */
export async function writeDefaultRuntimeConfig(db: DbOrTx, now: Date, opts: { onlyIfMissing: boolean }): Promise<void> {
  const values = { ...defaultRuntimeConfig, id: CONFIG_ID, updatedAt: now };
  const insert = db.insert(simRuntimeConfig).values(values);
  if (opts.onlyIfMissing) await insert.onConflictDoNothing({ target: simRuntimeConfig.id });
  else await insert.onConflictDoUpdate({ target: simRuntimeConfig.id, set: values });
}
