import "server-only";
import type { ChangeHub } from "./hub";

export interface LiveLimits {
  /** Open streams per staff member (a few tabs); one more is refused with 429. */
  perUser: number;
  /** Open streams per process. */
  total: number;
  /** A stream ends after this long and the browser reconnects, which checks the session and role again. */
  lifetimeMs: number;
  heartbeatMs: number;
  /** Changes are gathered this long and sent once each. */
  flushMs: number;
  /** More distinct subscriptions than this in one flush are sent as "*". */
  maxIdsPerFlush: number;
}

export const LIVE_LIMITS: LiveLimits = {
  perUser: 4,
  total: 200,
  lifetimeMs: 5 * 60_000,
  heartbeatMs: 25_000,
  flushMs: 250,
  maxIdsPerFlush: 20,
};

/** Counts open streams per user; `acquire` answers null over a limit, else the release (idempotent). */
export class StreamSlots {
  private byUser = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: Pick<LiveLimits, "perUser" | "total">) {}

  acquire(userId: string): (() => void) | null {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.limits.perUser || this.total >= this.limits.total) return null;
    this.byUser.set(userId, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  openFor(userId: string): number {
    return this.byUser.get(userId) ?? 0;
  }
}

// Nothing but an ID, "other", "sync" or "*" is ever written: the stream carries no data beyond "subscription X changed".
const SIGNAL = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|other|sync|\*)$/;

export interface ChangeStreamOptions {
  hub: ChangeHub;
  limits?: LiveLimits;
  /** Called once when the stream ends for any reason. */
  onClose?: () => void;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** End right after the opening event (a health check of the endpoint). */
  once?: boolean;
}

const closers = new Set<() => void>();
let shutdownHooked = false;

/** Ends every open stream, e.g. on SIGTERM, so that the server's close is not held up by them. */
export function closeAllStreams(): void {
  for (const close of [...closers]) close();
}

/**
 * A server-sent event stream of changes (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * `event: ready` once listening, then `event: change` with the changed subscription's ID per change.
 */
export async function openChangeStream(opts: ChangeStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const limits = opts.limits ?? LIVE_LIMITS;
  const encoder = new TextEncoder();
  if (!shutdownHooked) {
    shutdownHooked = true;
    for (const sig of ["SIGTERM", "SIGINT"] as const) process.once(sig, closeAllStreams);
  }
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const pending = new Set<string>();
  const timers: { flush?: NodeJS.Timeout; heartbeat?: NodeJS.Timeout; lifetime?: NodeJS.Timeout } = {};
  let unsubscribe: (() => void) | null = null;

  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timers.flush);
    clearInterval(timers.heartbeat);
    clearTimeout(timers.lifetime);
    unsubscribe?.();
    closers.delete(close);
    opts.signal?.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // already closed or cancelled by the reader
    }
    opts.onClose?.();
  };
  const flush = () => {
    timers.flush = undefined;
    const ids = [...pending];
    pending.clear();
    if (ids.includes("*") || ids.length > limits.maxIdsPerFlush) write("event: change\ndata: *\n\n");
    else write(ids.map((id) => `event: change\ndata: ${id}\n\n`).join(""));
  };

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });
  closers.add(close);
  opts.signal?.addEventListener("abort", close);
  if (opts.signal?.aborted) close();
  try {
    const off = await opts.hub.subscribe((signal) => {
      if (closed || !SIGNAL.test(signal)) return;
      pending.add(signal);
      timers.flush ??= setTimeout(flush, limits.flushMs);
    });
    if (closed) off();
    else unsubscribe = off;
  } catch (err) {
    close();
    throw err;
  }
  // `retry`: how long the browser waits before reconnecting after the stream ends.
  write("retry: 5000\nevent: ready\ndata: listening\n\n");
  if (opts.once) {
    close();
    return stream;
  }
  timers.heartbeat = setInterval(() => write(": keep-alive\n\n"), limits.heartbeatMs);
  timers.lifetime = setTimeout(close, limits.lifetimeMs);
  return stream;
}

const globalForSlots = globalThis as unknown as { portalLiveSlots?: StreamSlots };

/** The process's slots (on globalThis: every route bundle gets its own copy of this module). */
export function getStreamSlots(): StreamSlots {
  return (globalForSlots.portalLiveSlots ??= new StreamSlots(LIVE_LIMITS));
}
