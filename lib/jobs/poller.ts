import "server-only";
import { outsideRequest } from "@/lib/log";

export interface Poller {
  /** Run a round now, or right after the current one if a round is running. */
  kick(): void;
  /** No new rounds; resolves once the current round has finished. */
  stop(): Promise<void>;
}

/**
 * A background loop for work that must never run inside a request: one round at a time, a round
 * every `intervalMs`, another at once when kicked during a round. Its timer never keeps the
 * process alive on its own.
 */
export function startPoller(options: {
  intervalMs: number;
  round: (isStopped: () => boolean) => Promise<void>;
  onError: (err: unknown) => void;
}): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const isStopped = () => stopped;

  const tick = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    current = options
      .round(isStopped)
      .catch(options.onError)
      .finally(() => {
        current = undefined;
        if (stopped) return;
        if (again) {
          again = false;
          queueMicrotask(tick);
        } else {
          timer = setTimeout(tick, options.intervalMs);
          timer.unref?.();
        }
      });
  };

  tick();
  return {
    // A kick comes from a request (the webhook): the round, and the timers it sets, belong to no request.
    kick: () => outsideRequest(tick),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
