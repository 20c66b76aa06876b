import "server-only";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

export interface GiveWayOptions {
  /** Share of time the event loop was busy (0–1) above which background work waits. */
  busy?: number;
  /** How long to wait before looking again. */
  stepMs?: number;
  /** The longest wait before one item goes ahead anyway, so a backlog always drains. */
  maxWaitMs?: number;
  /** Event loop utilisation since the previous reading; injectable for tests. */
  utilization?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

function eventLoopUtilizationSinceLastCall(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

/**
 * Background work shares the event loop with requests. Called before each item, the returned
 * function waits while the loop has been busy (a webhook storm, a burst of page views), so a
 * backlog costs request latency nothing; it drains at full speed once the loop is quiet again,
 * and at no less than one item per `maxWaitMs` while it is not.
 */
export function createGiveWay(options: GiveWayOptions = {}): () => Promise<void> {
  const busy = options.busy ?? 0.5;
  const stepMs = options.stepMs ?? 25;
  const maxWaitMs = options.maxWaitMs ?? 250;
  const utilization = options.utilization ?? eventLoopUtilizationSinceLastCall();
  const wait = options.sleep ?? sleep;
  return async () => {
    for (let waited = 0; utilization() >= busy && waited < maxWaitMs; waited += stepMs) await wait(stepMs);
  };
}
