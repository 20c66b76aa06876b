import { z } from "zod";
import type { AuditFilters } from "@/db/queries/admin-audit";

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess((v) => (first(v) === "" ? undefined : first(v)), z.string().trim().max(200).optional()).catch(undefined);
const day = z
  .preprocess(
    (v) => (first(v) === "" ? undefined : first(v)),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  )
  .refine((d) => d === undefined || !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
  .catch(undefined);
const cursor = z.preprocess(first, z.coerce.number().int().positive().optional()).catch(undefined);

/** The log's filter lives in the URL: a view can be bookmarked, shared and exported as it is. */
const schema = z.object({ actor: text, action: text, targetType: text, target: text, from: day, to: day, after: cursor, before: cursor });
export type AuditSearch = z.output<typeof schema>;

export function parseAuditSearch(params: RawParams): AuditSearch {
  const obj = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  return schema.parse(obj);
}

/** Dates are UTC days; "to" includes its whole day. */
export function auditFiltersOf(s: AuditSearch): AuditFilters {
  return {
    actor: s.actor,
    action: s.action,
    targetType: s.targetType,
    targetId: s.target,
    from: s.from ? new Date(`${s.from}T00:00:00Z`) : undefined,
    to: s.to ? new Date(Date.parse(`${s.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

export function auditQuery(s: AuditSearch, changes: Partial<AuditSearch> = {}): string {
  const keepsPage = Object.keys(changes).every((k) => k === "after" || k === "before");
  const merged = { ...s, ...(keepsPage ? {} : { after: undefined, before: undefined }), ...changes };
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "") out.set(key, String(value));
  const q = out.toString();
  return q ? `?${q}` : "";
}
