import type { Db } from "@/db/client";
import { submitClosedHours, type MeteringClient, type SubmitResult } from "./submit";

/** `portal usage submit`: one submission pass now; prints a summary line, returns the exit code. */
export async function runUsageSubmit(db: Db, client: MeteringClient, out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  const r: SubmitResult = await submitClosedHours(db, client);
  out(
    `usage submit: ${r.split} hour(s) closed, ${r.sent} sent (${r.accepted} accepted, ${r.duplicate} duplicate, ${r.rejected} rejected), ${r.expired} expired, ${r.retrying} to retry, ${r.warned} near expiry`,
  );
  return r.rejected > 0 || r.expired > 0 ? 2 : 0;
}
