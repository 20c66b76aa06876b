import "server-only";
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { guidSchema, isGuid } from "@/lib/marketplace/enums";
import type { DbOrTx } from "../client";
import { marketplaceOperations, subscriptions, webhookInbox, type MarketplaceOperation, type WebhookInboxRow } from "../schema";

export type OperationView = "open" | "failed" | "all";
export type InboxState = WebhookInboxRow["state"];

export interface KeysetPage<T> {
  rows: T[];
  /** Older rows follow: pass as `after`. */
  next: string | null;
}

const cursorSchema = z.tuple([z.string().max(40), guidSchema]);

// Microsecond text: a JS Date would round the timestamp and skip rows stamped in the same millisecond.
const stamp = (column: PgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function decode(raw: string | undefined): [string, string] | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const encode = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");

/** Newest first by (time, id), continuing strictly after the cursor's row. */
function keyset(time: PgColumn, id: PgColumn, after: string | undefined): SQL | undefined {
  const cursor = decode(after);
  return cursor ? sql`(${time}, ${id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : undefined;
}

export function operationViewCondition(view: OperationView): SQL | undefined {
  if (view === "open") return isNull(marketplaceOperations.completedAt);
  // Conflict means the change equalled the current state; both leave the subscription unchanged.
  if (view === "failed") return inArray(marketplaceOperations.status, ["Failed", "Conflict"]);
  return undefined;
}

export async function listAdminOperations(
  db: DbOrTx,
  opts: { view: OperationView; action?: MarketplaceOperation["action"]; subscriptionId?: string; after?: string; limit?: number },
): Promise<KeysetPage<MarketplaceOperation>> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const found = await db
    .select({ row: marketplaceOperations, at: stamp(marketplaceOperations.createdAt) })
    .from(marketplaceOperations)
    .where(
      and(
        operationViewCondition(opts.view),
        opts.action ? eq(marketplaceOperations.action, opts.action) : undefined,
        opts.subscriptionId ? eq(marketplaceOperations.subscriptionId, opts.subscriptionId.toLowerCase()) : undefined,
        keyset(marketplaceOperations.createdAt, marketplaceOperations.id, opts.after),
      ),
    )
    .orderBy(desc(marketplaceOperations.createdAt), desc(marketplaceOperations.id))
    .limit(limit + 1);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return { rows: page.map((p) => p.row), next: found.length > limit && last ? encode(last.at, last.row.id) : null };
}

export async function listAdminInbox(
  db: DbOrTx,
  opts: { state?: InboxState; action?: string; subscriptionId?: string; after?: string; limit?: number },
): Promise<KeysetPage<WebhookInboxRow>> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const found = await db
    .select({ row: webhookInbox, at: stamp(webhookInbox.receivedAt) })
    .from(webhookInbox)
    .where(
      and(
        opts.state ? eq(webhookInbox.state, opts.state) : undefined,
        opts.action ? eq(webhookInbox.action, opts.action) : undefined,
        // Kept as Microsoft sent it; GUIDs usually arrive lower-case.
        opts.subscriptionId
          ? inArray(webhookInbox.subscriptionId, [...new Set([opts.subscriptionId, opts.subscriptionId.toLowerCase()])])
          : undefined,
        keyset(webhookInbox.receivedAt, webhookInbox.id, opts.after),
      ),
    )
    .orderBy(desc(webhookInbox.receivedAt), desc(webhookInbox.id))
    .limit(limit + 1);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return { rows: page.map((p) => p.row), next: found.length > limit && last ? encode(last.at, last.row.id) : null };
}

export async function countInboxByState(db: DbOrTx): Promise<Partial<Record<InboxState, number>>> {
  const rows = await db
    .select({ state: webhookInbox.state, n: sql<number>`count(*)::int` })
    .from(webhookInbox)
    .groupBy(webhookInbox.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export async function countOperationViews(db: DbOrTx): Promise<{ open: number; failed: number }> {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${marketplaceOperations.completedAt} is null)::int`,
      failed: sql<number>`count(*) filter (where ${marketplaceOperations.status} in ('Failed', 'Conflict'))::int`,
    })
    .from(marketplaceOperations)
    .where(or(isNull(marketplaceOperations.completedAt), inArray(marketplaceOperations.status, ["Failed", "Conflict"])));
  return row ?? { open: 0, failed: 0 };
}

/** Names for the rows shown, in one query on the primary key (webhook rows keep the ID as text). */
export async function getSubscriptionNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.map((id) => id.toLowerCase()).filter((id) => isGuid(id)))];
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ id: subscriptions.id, name: subscriptions.name })
    .from(subscriptions)
    .where(inArray(subscriptions.id, valid));
  return new Map(rows.map((r) => [r.id, r.name]));
}
