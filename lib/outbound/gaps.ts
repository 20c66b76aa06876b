import "server-only";
import type { OutboxGap } from "@/db/schema";

/** Beyond this many open ranges the oldest are dropped: a runaway sequence must not grow the cursor row. */
const MAX_GAPS = 200;

/**
 * The cursor after reading `ids` (ascending): it moves to the highest id read, and every id it
 * skipped over, or that is still missing inside an earlier gap, is kept as a gap to read again.
 */
export function trackGaps(lastAuditId: number, gaps: OutboxGap[], ids: number[], now: Date): { lastAuditId: number; gaps: OutboxGap[] } {
  const kept: OutboxGap[] = [];
  for (const gap of gaps) {
    let from = gap.from;
    for (const id of ids) {
      if (id < gap.from || id > gap.to) continue;
      if (id > from) kept.push({ from, to: id - 1, seenAt: gap.seenAt });
      from = id + 1;
    }
    if (from <= gap.to) kept.push({ from, to: gap.to, seenAt: gap.seenAt });
  }
  let expected = lastAuditId + 1;
  const seenAt = now.toISOString();
  for (const id of ids) {
    if (id <= lastAuditId) continue;
    if (id > expected) kept.push({ from: expected, to: id - 1, seenAt });
    expected = id + 1;
  }
  const last = ids.reduce((max, id) => Math.max(max, id), lastAuditId);
  kept.sort((a, b) => a.from - b.from);
  return { lastAuditId: last, gaps: kept.slice(-MAX_GAPS) };
}
