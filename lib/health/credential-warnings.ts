import "server-only";
import type { Db } from "@/db/client";
import { hasAuditEvent, insertAuditEvent, lockAuditKey } from "@/db/queries/audit-events";
import type { AuditEvent } from "@/db/schema";
import { readCredentialExpiry } from "@/lib/doctor/credential-expiry";
import type { Env } from "@/lib/env";
import { startLoop, type Loop } from "@/lib/jobs/loop";
import { log } from "@/lib/log";

/** Days before expiry at which staff and the ISV's systems hear of it; 0 is "expired". */
export const CREDENTIAL_WARNING_DAYS = [30, 14, 7, 1, 0] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
export const CREDENTIAL_WARNING_ACTION = "credential.expiry_warning";

/** The nearest threshold reached (the smallest one not yet passed), or null while further away than all of them. */
export function thresholdReached(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 0;
  const reached = CREDENTIAL_WARNING_DAYS.filter((d) => d > 0 && left <= d * DAY_MS);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/**
 * Records `credential.expiry_warning` (an outbound `credential.expiring` event) once per credential
 * and threshold, however many ticks and app instances see it: the check and the insert run under
 * one lock. A start-up already inside 7 days warns once for 7, not for 30 and 14 after the fact.
 */
export async function warnCredentialExpiry(db: Db, env: Env, now = new Date()): Promise<AuditEvent | null> {
  const found = readCredentialExpiry(env);
  if (!found.ok) return null;
  const threshold = thresholdReached(found.expiresAt, now);
  if (threshold === null) return null;
  const target = { action: CREDENTIAL_WARNING_ACTION, targetType: "credential", targetId: found.key };
  return db.transaction(async (tx) => {
    await lockAuditKey(tx, `${CREDENTIAL_WARNING_ACTION}:${found.key}`);
    if (await hasAuditEvent(tx, { ...target, metadata: { thresholdDays: threshold } })) return null;
    const daysLeft = Math.max(0, Math.floor((found.expiresAt.getTime() - now.getTime()) / DAY_MS));
    return insertAuditEvent(tx, {
      ...target,
      actorType: "system",
      actorId: "credential-check",
      metadata: {
        credential: found.what,
        clientId: env.marketplace.clientId,
        expiresAt: found.expiresAt.toISOString(),
        expired: threshold === 0,
        daysLeft,
        thresholdDays: threshold,
      },
    });
  });
}

/** Checks hourly in the background (roles all and worker); the doctor shows the same expiry on demand. */
export function startCredentialExpiryCheck(opts: { getDb: () => Promise<Db>; getEnv: () => Env; intervalMs?: number }): Loop {
  return startLoop({
    name: "credential-expiry",
    intervalMs: opts.intervalMs ?? 60 * 60 * 1000,
    async tick() {
      const warned = await warnCredentialExpiry(await opts.getDb(), opts.getEnv());
      if (warned) log.warn({ credential: warned.metadata }, "marketplace app credential near expiry");
    },
    onError: (err) => log.error({ err }, "credential expiry check failed"),
  });
}
