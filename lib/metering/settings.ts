import "server-only";
import { getEnv } from "@/lib/env";

/** An hour is closed once it ended more than METERING_CLOSE_DELAY_SECONDS ago (default 900). */
export function closeDelayMs(): number {
  return getEnv().metering.closeDelaySeconds * 1000;
}

export function submitIntervalMs(): number {
  return getEnv().metering.submitIntervalSeconds * 1000;
}
