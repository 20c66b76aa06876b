import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { DatabaseHandle } from "./client";

/**
 * The channel the triggers of migrations 0017 and 0021 notify on; the payload is a subscription ID,
 * '' for a row tied to none, or 'sync' for a sync run's progress.
 */
export const CHANGE_CHANNEL = "portal_changes";

export interface ChangeFeedHandlers {
  /** One committed change: a lower-case subscription ID, "" when the row names no valid one, or "sync". */
  onChange(subscriptionId: string): void;
  /** The connection was lost and is back: notifications in between are gone, so everything may have changed. */
  onGap(): void;
  onError?(err: Error): void;
}

export interface ChangeFeed {
  close(): Promise<void>;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Listens for committed changes. PostgreSQL: a connection of its own outside the pool (LISTEN ties
 * up the session), reconnected with back-off. PGlite: its in-process LISTEN, which sees every
 * writer, since only this process may open its folder.
 */
export async function listenForChanges(handle: DatabaseHandle, handlers: ChangeFeedHandlers): Promise<ChangeFeed> {
  if (handle.kind === "pglite") {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const unlisten = await client.listen(CHANGE_CHANNEL, (payload) => handlers.onChange(payload));
    return { close: () => unlisten() };
  }
  const connectionString = handle.pool?.options.connectionString;
  if (!connectionString) throw new Error("change feed: the PostgreSQL pool has no connection string");
  let closed = false;
  let client: pg.Client | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (isRetry: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on("notification", (msg) => {
      if (msg.channel === CHANGE_CHANNEL) handlers.onChange(msg.payload ?? "");
    });
    c.on("error", (err) => {
      handlers.onError?.(err);
      lost(c);
    });
    c.on("end", () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      c.removeAllListeners("end");
      await c.end().catch(() => undefined);
      if (!isRetry) throw err;
      handlers.onError?.(err as Error);
      schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    failures = 0;
    if (isRetry) handlers.onGap();
  };
  const schedule = () => {
    if (closed || timer) return;
    const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, delay);
    timer.unref();
  };
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    c.removeAllListeners("end");
    c.end().catch(() => undefined);
    schedule();
  };

  await connect(false);
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners("end");
        await c.end().catch(() => undefined);
      }
    },
  };
}
