/** One hourly aggregate as the chart gets it from the server (plain numbers and ISO strings). */
export interface ChartHour {
  hour: string;
  dimension: string;
  quantity: number;
  included: number;
  reported: number;
  status: string;
}

export type UsageRange = "48h" | "30d";
export const RANGES: Record<UsageRange, { label: string; count: number; stepMs: number }> = {
  "48h": { label: "48 hours", count: 48, stepMs: 3_600_000 },
  "30d": { label: "30 days", count: 30, stepMs: 86_400_000 },
};

export interface UsageBucket {
  start: string;
  label: string;
  included: number;
  reported: number;
  /** Not yet reported: the hour is open or waiting for (another) submission. */
  pending: number;
  /** Above the included quantity but never billed: Microsoft refused it or the 24-hour window passed. */
  unbilled: number;
}

const FINAL_UNBILLED = new Set(["expired", "rejected"]);
const PENDING = new Set(["open", "ready", "submitting", "failed"]);

/** Buckets ending with the current hour or UTC day, empty ones included so gaps show as gaps. */
export function bucketUsage(hours: ChartHour[], dimension: string, range: UsageRange, now: Date): UsageBucket[] {
  const { count, stepMs } = RANGES[range];
  const last = Math.floor(now.getTime() / stepMs) * stepMs;
  const first = last - (count - 1) * stepMs;
  const buckets: UsageBucket[] = Array.from({ length: count }, (_, i) => {
    const start = new Date(first + i * stepMs).toISOString();
    return { start, label: range === "48h" ? start.slice(11, 16) : start.slice(5, 10), included: 0, reported: 0, pending: 0, unbilled: 0 };
  });
  for (const h of hours) {
    if (h.dimension !== dimension) continue;
    const i = Math.floor((Math.floor(Date.parse(h.hour) / stepMs) * stepMs - first) / stepMs);
    const b = buckets[i];
    if (!b) continue;
    const rest = Math.max(0, h.quantity - h.included - h.reported);
    b.included += h.included;
    b.reported += h.reported;
    if (PENDING.has(h.status)) b.pending += rest;
    else if (FINAL_UNBILLED.has(h.status)) b.unbilled += rest;
  }
  return buckets;
}
