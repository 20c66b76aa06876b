import "server-only";
import { z } from "zod";
import type { SubscriptionKeyset } from "@/db/queries/api-subscriptions";

/**
 * Opaque paging cursors: base64url JSON of the last row's keyset and the filters it was made
 * under, so a cursor reused with other filters is refused rather than silently mixing pages.
 */
const cursorSchema = z.object({ c: z.iso.datetime(), i: z.guid(), f: z.string() });

export function encodeCursor(keyset: SubscriptionKeyset, filterKey: string): string {
  return Buffer.from(JSON.stringify({ c: keyset.createdAt, i: keyset.id, f: filterKey })).toString("base64url");
}

export function decodeCursor(cursor: string, filterKey: string): SubscriptionKeyset | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.f !== filterKey) return null;
    return { createdAt: parsed.data.c, id: parsed.data.i };
  } catch {
    return null;
  }
}
