/** Fewer days than this and bars turn into slabs: a young install still shows a week. */
const MIN_DAYS = 7;

/**
 * The days worth drawing: from the first day with any activity (never fewer than a week), so a
 * young install shows its first purchases instead of 29 empty days and one bar at the edge.
 */
export function visibleDays<T extends { created: number; cancelled: number }>(days: T[]): T[] {
  const first = days.findIndex((d) => d.created > 0 || d.cancelled > 0);
  if (first < 0) return [];
  return days.slice(Math.min(first, Math.max(0, days.length - MIN_DAYS)));
}
