import { z } from "zod";
import type { InboxState, OperationView } from "@/db/queries/admin-operations";
import { inboxState, operationAction } from "@/db/schema";

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (first(v) === "" ? undefined : first(v)), schema.optional()).catch(undefined);

/** Both tables' filters and cursors live in the URL, so a view can be bookmarked and shared. */
const schema = z.object({
  view: z.preprocess(first, z.enum(["open", "failed", "all"])).catch("open"),
  action: optional(z.enum(operationAction.enumValues)),
  state: optional(z.enum(inboxState.enumValues)),
  subscription: optional(z.guid().transform((s) => s.toLowerCase())),
  opAfter: optional(z.string().max(200)),
  inboxAfter: optional(z.string().max(200)),
});
export type OperationsSearch = z.output<typeof schema> & { view: OperationView; state?: InboxState };

export function parseOperationsSearch(params: RawParams): OperationsSearch {
  return schema.parse(params);
}

export function operationsQuery(s: OperationsSearch, changes: Partial<OperationsSearch> = {}): string {
  const merged = { ...s, ...changes };
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== "" && !(key === "view" && value === "open")) out.set(key, String(value));
  }
  const text = out.toString();
  return text ? `?${text}` : "";
}
