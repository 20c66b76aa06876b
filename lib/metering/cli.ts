import "server-only";
import type { Db } from "@/db/client";
import { submitClosedHours, type MeteringClient, type SubmitResult } from "./submit";

/**
 * `portal usage submit [--concurrency N]`: one submission pass now; prints a summary line and
 * returns the exit code (2 when hours were rejected or expired).
 */
export async function runUsageSubmit(
  db: Db,
  client: MeteringClient,
  opts: { concurrency?: number } = {},
  out: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const r: SubmitResult = await submitClosedHours(db, client, { concurrency: opts.concurrency });
  out(
    `usage submit: ${r.split} hour(s) closed, ${r.sent} sent (${r.accepted} accepted, ${r.duplicate} duplicate, ${r.rejected} rejected), ${r.expired} expired, ${r.retrying} to retry, ${r.warned} near expiry; prepared in ${r.prepareMs} ms, sent in ${r.sendMs} ms`,
  );
  return r.rejected > 0 || r.expired > 0 ? 2 : 0;
}

/** Parses `usage submit`'s flags; null when they are not valid. */
export function parseUsageSubmitArgs(args: string[]): { concurrency?: number } | null {
  if (args.length === 0) return {};
  if (args.length === 2 && args[0] === "--concurrency" && /^\d{1,2}$/.test(args[1]!) && Number(args[1]) >= 1)
    return { concurrency: Number(args[1]) };
  return null;
}
