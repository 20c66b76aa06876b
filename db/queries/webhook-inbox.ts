import "server-only";
import { and, asc, eq, inArray, is, lte, notInArray, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../client";
import { webhookInbox, type NewWebhookInboxRow, type WebhookInboxRow } from "../schema";

type InboxState = WebhookInboxRow["state"];

// Microsoft retries a call up to 500 times over 8 hours: the unique operation ID absorbs them.
/** What ingest needs back: the payload is not read back, since parsing it again costs more than the insert. */
export type InsertedInboxItem = Pick<WebhookInboxRow, "id" | "decision" | "stateReason">;
const insertedColumns = { id: webhookInbox.id, decision: webhookInbox.decision, stateReason: webhookInbox.stateReason };

type InboxInsert = Pick<
  NewWebhookInboxRow,
  "operationId" | "subscriptionId" | "action" | "payload" | "headers" | "state" | "stateReason" | "processedAt" | "decision"
>;

// Building the statement cost as much as running it: outside transactions (every call that needs
// no decision) it is built once per database and prepared on each connection.
function prepareInboxInsert(db: Db) {
  const p = sql.placeholder;
  return db
    .insert(webhookInbox)
    .values({
      operationId: p("operationId"),
      subscriptionId: p("subscriptionId"),
      action: p("action"),
      payload: p("payload"),
      headers: p("headers"),
      state: p("state"),
      stateReason: p("stateReason"),
      processedAt: sql`${p("processedAt")}::timestamptz`, // drizzle's timestamp encoder cannot take null
      decision: p("decision"),
    })
    .onConflictDoNothing({ target: webhookInbox.operationId })
    .returning(insertedColumns)
    .prepare("webhook_inbox_insert");
}
const preparedInserts = new WeakMap<Db, ReturnType<typeof prepareInboxInsert>>();

export async function insertInboxItem(db: DbOrTx, values: InboxInsert): Promise<{ row: InsertedInboxItem; inserted: boolean }> {
  let inserted: InsertedInboxItem | undefined;
  if (is(db, PgTransaction)) {
    [inserted] = await db
      .insert(webhookInbox)
      .values(values)
      .onConflictDoNothing({ target: webhookInbox.operationId })
      .returning(insertedColumns);
  } else {
    let statement = preparedInserts.get(db);
    if (!statement) preparedInserts.set(db, (statement = prepareInboxInsert(db)));
    [inserted] = await statement.execute({
      ...values,
      headers: values.headers ?? {},
      state: values.state ?? "received",
      stateReason: values.stateReason ?? null,
      processedAt: values.processedAt?.toISOString() ?? null,
      decision: values.decision ?? null,
    });
  }
  if (inserted) return { row: inserted, inserted: true };
  const [existing] = await db.select(insertedColumns).from(webhookInbox).where(eq(webhookInbox.operationId, values.operationId)).limit(1);
  if (!existing) throw new Error(`inbox row for operation ${values.operationId} vanished`);
  return { row: existing, inserted: false };
}

export async function getInboxItem(db: DbOrTx, id: string): Promise<WebhookInboxRow | undefined> {
  const [row] = await db.select().from(webhookInbox).where(eq(webhookInbox.id, id)).limit(1);
  return row;
}

export async function updateInboxItem(
  db: DbOrTx,
  id: string,
  values: Partial<Pick<NewWebhookInboxRow, "state" | "decision" | "stateReason" | "lastError" | "processedAt" | "nextAttemptAt">>,
): Promise<WebhookInboxRow | undefined> {
  const [row] = await db.update(webhookInbox).set(values).where(eq(webhookInbox.id, id)).returning();
  return row;
}

// SKIP LOCKED: workers never block on or share a row. The claim is a lease: a dead worker's rows come due again.
export async function claimDueInboxItems(db: Db, opts: { limit: number; leaseMs: number; now?: Date }): Promise<WebhookInboxRow[]> {
  // The database clock by default: rows are stamped with it on insert, at microsecond precision.
  const now = opts.now ?? sql<Date>`now()`;
  const leaseEnd = opts.now
    ? new Date(opts.now.getTime() + opts.leaseMs)
    : sql<Date>`now() + make_interval(secs => ${opts.leaseMs / 1000})`;
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookInbox.id })
      .from(webhookInbox)
      .where(and(inArray(webhookInbox.state, ["received", "processing"]), lte(webhookInbox.nextAttemptAt, now)))
      .orderBy(asc(webhookInbox.nextAttemptAt), asc(webhookInbox.receivedAt))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(webhookInbox)
      .set({
        state: "processing",
        attempts: sql`${webhookInbox.attempts} + 1`,
        nextAttemptAt: leaseEnd,
      })
      .where(
        inArray(
          webhookInbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    return claimed.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  });
}

/** `attempts` fences the claim: a worker whose lease was taken over cannot overwrite the outcome (false). */
export async function finishInboxItem(
  db: DbOrTx,
  claim: { id: string; attempts: number },
  outcome: { state: InboxState; stateReason?: string | null; lastError?: string | null; nextAttemptAt?: Date },
): Promise<boolean> {
  const terminal = outcome.state !== "received";
  const rows = await db
    .update(webhookInbox)
    .set({
      state: outcome.state,
      stateReason: outcome.stateReason ?? null,
      lastError: outcome.lastError ?? null,
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      ...(terminal ? { processedAt: new Date() } : {}),
    })
    .where(and(eq(webhookInbox.id, claim.id), eq(webhookInbox.state, "processing"), eq(webhookInbox.attempts, claim.attempts)))
    .returning({ id: webhookInbox.id });
  return rows.length === 1;
}

export async function resetInboxItem(db: DbOrTx, id: string): Promise<WebhookInboxRow | undefined> {
  const [row] = await db
    .update(webhookInbox)
    .set({ state: "received", attempts: 0, nextAttemptAt: new Date(), lastError: null, stateReason: null, processedAt: null })
    .where(and(eq(webhookInbox.id, id), notInArray(webhookInbox.state, ["received", "processing"])))
    .returning();
  return row;
}

export async function listInboxItems(
  db: DbOrTx,
  opts: { subscriptionId?: string; state?: InboxState; limit?: number } = {},
): Promise<WebhookInboxRow[]> {
  return db
    .select()
    .from(webhookInbox)
    .where(
      and(
        opts.subscriptionId ? eq(webhookInbox.subscriptionId, opts.subscriptionId) : undefined,
        opts.state ? eq(webhookInbox.state, opts.state) : undefined,
      ),
    )
    .orderBy(asc(webhookInbox.receivedAt))
    .limit(Math.min(opts.limit ?? 100, 500));
}
