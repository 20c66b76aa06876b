import "server-only";
import { logConsole } from "@/lib/log";

/**
 * Logs refused webhook calls once per interval with a count, not once per call: a caller probing the
 * endpoint would otherwise write a log line per request. The first refusal of an interval is logged
 * with its reason (a misconfigured audience or tenant shows up at once); the rest are summed up.
 */
export interface RefusalLog {
  record(address: string, status: number, reason: string): void;
  /** Logs the summary of the current interval, if anything beyond its first refusal happened. */
  flush(): void;
}

export const REFUSAL_LOG_INTERVAL_MS = 60_000;

export function createRefusalLog(opts: { log?: Pick<Console, "warn">; intervalMs?: number; now?: () => number } = {}): RefusalLog {
  const log = opts.log ?? logConsole;
  const intervalMs = opts.intervalMs ?? REFUSAL_LOG_INTERVAL_MS;
  const now = opts.now ?? Date.now;
  let startedAt = 0;
  let count = 0;
  let addresses = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (count > 1) {
      const seconds = Math.round(Math.min(now() - startedAt, intervalMs) / 1000);
      const from = `${addresses.size} address${addresses.size === 1 ? "" : "es"}`;
      log.warn(`webhook: ${count} unauthenticated calls refused in the last ${seconds} s from ${from}`);
    }
    count = 0;
    addresses = new Set();
  }

  return {
    record(address, status, reason) {
      if (count > 0 && now() - startedAt >= intervalMs) flush();
      if (count === 0) {
        startedAt = now();
        log.warn(`webhook: refused (${status}): ${reason} (further refusals in the next ${intervalMs / 1000} s are counted, not logged)`);
        // The summary comes even if no further call arrives to trigger it; never keeps the process alive.
        timer = setTimeout(flush, intervalMs);
        timer.unref?.();
      }
      count += 1;
      addresses.add(address);
    },
    flush,
  };
}
