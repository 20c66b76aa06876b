import "server-only";
import { getDatabase } from "@/db";
import { listenForChanges, type ChangeFeed } from "@/db/change-feed";
import type { DatabaseHandle } from "@/db/client";
import { log } from "@/lib/log";

/**
 * What a listener hears: a subscription's ID, "other" (a row tied to no valid subscription), "sync" (a
 * sync run moved on) or "*" (anything may have changed).
 */
export type ChangeSignal = string;
type Listener = (signal: ChangeSignal) => void;

/**
 * One database listener per process, fanned out to every open stream. It starts with the first
 * stream and stays: one connection (PostgreSQL) or one callback (PGlite) whatever the number of pages.
 */
export class ChangeHub {
  private listeners = new Set<Listener>();
  private feed: Promise<ChangeFeed> | null = null;

  constructor(private readonly open: () => Promise<DatabaseHandle>) {}

  /** Resolves once the database listener is up, so that nothing committed after it is missed. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.start();
    } catch (err) {
      this.listeners.delete(listener);
      throw err;
    }
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  private start(): Promise<ChangeFeed> {
    this.feed ??= this.open()
      .then((handle) =>
        listenForChanges(handle, {
          onChange: (id) => this.emit(id === "" ? "other" : id),
          onGap: () => this.emit("*"),
          onError: (err) => log.warn({ err: err.message }, "live: database listener lost, reconnecting"),
        }),
      )
      .catch((err: unknown) => {
        this.feed = null;
        throw err;
      });
    return this.feed;
  }

  private emit(signal: ChangeSignal): void {
    for (const listener of this.listeners) listener(signal);
  }

  async close(): Promise<void> {
    const feed = this.feed;
    this.feed = null;
    this.listeners.clear();
    if (feed) await (await feed).close();
  }
}

// On globalThis: every route bundle gets its own copy of this module.
const globalForHub = globalThis as unknown as { portalChangeHub?: ChangeHub };

export function getChangeHub(): ChangeHub {
  return (globalForHub.portalChangeHub ??= new ChangeHub(getDatabase));
}
