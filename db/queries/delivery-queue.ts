import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, DbOrTx, Tx } from "../client";

/** What a delivery table has for its queue: a lease is `delivering`, one more attempt and a `nextAttemptAt`. */
type DeliveryTable = PgTable & {
  id: PgColumn;
  status: PgColumn;
  attempts: PgColumn;
  nextAttemptAt: PgColumn;
  replays: PgColumn;
};
type AttemptTable = PgTable & { id: PgColumn; deliveryId: PgColumn };
type ParentTable = PgTable & { id: PgColumn };

export interface QueueRow {
  id: string;
  attempts: number;
}

export type Outcome = { status: "succeeded" | "failed" | "pending"; nextAttemptAt?: Date };

/**
 * The queue both outbound webhooks and notifications run on: rows leased to a worker, attempts
 * recorded against a fenced claim, finished rows replayed. `parent` is where a delivery goes (an
 * endpoint, a channel), returned under `parentKey` with each claimed row.
 */
export function deliveryQueue<
  D extends QueueRow,
  P,
  A extends { startedAt: Date; durationMs: number; error: string | null },
  K extends string,
>(q: {
  deliveries: DeliveryTable;
  attempts: AttemptTable;
  parents: ParentTable;
  parentKey: K;
  parentIdOf: (d: D) => string;
  /** The delivery's `last…` columns besides `lastAttemptAt` and `lastError`, from an attempt. */
  lastOf: (a: A) => Record<string, unknown>;
}) {
  type Claimed = { delivery: D } & { [k in K]: P };
  const t = q.deliveries;

  async function withParents(db: DbOrTx, rows: D[]): Promise<Claimed[]> {
    if (rows.length === 0) return [];
    const parents = (await db
      .select()
      .from(q.parents)
      .where(inArray(q.parents.id, [...new Set(rows.map(q.parentIdOf))]))) as Array<P & { id: string }>;
    const byId = new Map(parents.map((p) => [p.id, p]));
    return rows.flatMap((delivery) => {
      const parent = byId.get(q.parentIdOf(delivery));
      return parent ? [{ delivery, [q.parentKey]: parent } as Claimed] : [];
    });
  }

  /** A claim is a lease: the row is `delivering` until `leaseUntil`, after which a dead worker's rows come due again. */
  async function lease(db: DbOrTx, where: SQL | undefined, leaseUntil: Date): Promise<Claimed[]> {
    const claimed = await db
      .update(t)
      .set({ status: "delivering", attempts: sql`${t.attempts} + 1`, nextAttemptAt: leaseUntil })
      .where(where)
      .returning();
    return withParents(db, claimed as D[]);
  }

  return {
    /** Leases the due rows `pick` locks (FOR UPDATE SKIP LOCKED), in the same transaction, so no other worker can take them between. */
    claimDue: (db: Db, pick: (tx: Tx) => Promise<Array<{ id: string }>>, leaseUntil: Date): Promise<Claimed[]> =>
      db.transaction(async (tx) => {
        const ids = (await pick(tx)).map((d) => d.id);
        return ids.length === 0 ? [] : lease(tx, inArray(t.id, ids), leaseUntil);
      }),

    /** Claims one pending delivery now, whatever its schedule: test events and replays are sent at once. */
    claimOne: async (db: DbOrTx, id: string, leaseUntil: Date): Promise<Claimed | undefined> =>
      (await lease(db, and(eq(t.id, id), eq(t.status, "pending")), leaseUntil))[0],

    /** `attempts` fences the claim: a worker whose lease was taken over cannot overwrite the outcome. */
    finish: (db: Db, claim: QueueRow, attempt: A, outcome: Outcome): Promise<boolean> =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(t)
          .set({
            status: outcome.status,
            ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
            lastAttemptAt: attempt.startedAt,
            ...q.lastOf(attempt),
            lastError: attempt.error,
            ...(outcome.status === "succeeded" ? { deliveredAt: new Date(attempt.startedAt.getTime() + attempt.durationMs) } : {}),
          })
          .where(and(eq(t.id, claim.id), eq(t.status, "delivering"), eq(t.attempts, claim.attempts)))
          .returning({ id: t.id });
        if (!row) return false;
        await tx.insert(q.attempts).values({ deliveryId: claim.id, ...attempt });
        return true;
      }),

    insertOne: async (db: DbOrTx, row: Record<string, unknown>): Promise<D> => {
      const inserted = (await db.insert(t).values(row).returning())[0] as D | undefined;
      if (!inserted) throw new Error("delivery insert returned no row");
      return inserted;
    },

    /** Only a finished delivery can be replayed; one still in flight already has an attempt coming. */
    resetForReplay: async (db: DbOrTx, id: string, now: Date): Promise<D | undefined> => {
      const [row] = await db
        .update(t)
        .set({ status: "pending", attempts: 0, nextAttemptAt: now, replays: sql`${t.replays} + 1` })
        .where(and(eq(t.id, id), inArray(t.status, ["succeeded", "failed"])))
        .returning();
      return row as D | undefined;
    },

    get: async (db: DbOrTx, id: string): Promise<D | undefined> => {
      const [row] = await db.select().from(t).where(eq(t.id, id)).limit(1);
      return row as D | undefined;
    },

    listAttempts: <R>(db: DbOrTx, deliveryId: string, limit: number): Promise<R[]> =>
      db.select().from(q.attempts).where(eq(q.attempts.deliveryId, deliveryId)).orderBy(desc(q.attempts.id)).limit(limit) as Promise<R[]>,
  };
}
