import { z } from "zod";
import { ADMIN_SORT_KEYS, type AdminSort, type AdminSubscriptionFilters } from "@/db/queries/admin-subscriptions";
import { saasSubscriptionStatus } from "@/db/schema";

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const one = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().trim().max(200).optional()).catch(undefined);
const yesNo = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["yes", "no"]).optional()).catch(undefined);
const days = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(366).optional()).catch(undefined);
const statuses = z
  .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
  .transform((list) => saasSubscriptionStatus.enumValues.filter((s) => list.includes(s)))
  .catch([]);

/** The list's state lives in the URL, so a filtered view can be bookmarked, shared and exported. */
const searchSchema = z.object({
  q: one,
  status: statuses,
  offer: one,
  plan: one,
  test: yesNo,
  trial: yesNo,
  /** Purchased more than this many days ago. */
  older: days,
  /** The current term ends within this many days. */
  ends: days,
  sort: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(ADMIN_SORT_KEYS)).catch("created"),
  dir: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["asc", "desc"]).optional()).catch(undefined),
  after: one,
  before: one,
});
export type SubscriptionSearch = z.output<typeof searchSchema>;

export function parseSubscriptionSearch(params: RawParams): SubscriptionSearch {
  const obj: Record<string, string | string[]> = {};
  if (params instanceof URLSearchParams) {
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      obj[key] = all.length === 1 ? all[0]! : all;
    }
  } else {
    for (const [k, v] of Object.entries(params)) if (v !== undefined) obj[k] = v;
  }
  return searchSchema.parse(obj);
}

const flag = (v: "yes" | "no" | undefined) => (v === undefined ? undefined : v === "yes");

const DAY_MS = 86_400_000;

export function filtersOf(s: SubscriptionSearch, now = new Date()): AdminSubscriptionFilters {
  return {
    purchasedBefore: s.older ? new Date(now.getTime() - s.older * DAY_MS) : undefined,
    termEndsBetween: s.ends ? [now, new Date(now.getTime() + s.ends * DAY_MS)] : undefined,
    q: s.q || undefined,
    status: s.status.length ? s.status : undefined,
    offerId: s.offer || undefined,
    planId: s.plan || undefined,
    isTest: flag(s.test),
    isFreeTrial: flag(s.trial),
  };
}

/** Newest first by default; names and statuses read naturally A→Z. */
export function sortOf(s: SubscriptionSearch): AdminSort {
  return { by: s.sort, dir: s.dir ?? (s.sort === "created" ? "desc" : "asc") };
}

/** The query string for `s` with some fields replaced; changing filters or sort starts again at page one. */
export function searchQuery(s: SubscriptionSearch, changes: Partial<SubscriptionSearch> = {}): string {
  const keepsPage = Object.keys(changes).every((k) => k === "after" || k === "before");
  const merged = { ...s, ...(keepsPage ? {} : { after: undefined, before: undefined }), ...changes };
  const out = new URLSearchParams();
  for (const key of Object.keys(searchSchema.shape) as Array<keyof SubscriptionSearch>) {
    const value = merged[key];
    if (Array.isArray(value)) for (const v of value) out.append(key, v);
    else if (value !== undefined && value !== "" && !(key === "sort" && value === "created")) out.set(key, String(value));
  }
  const text = out.toString();
  return text ? `?${text}` : "";
}
