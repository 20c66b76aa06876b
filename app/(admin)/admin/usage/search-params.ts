export const USAGE_DAYS = [7, 30, 90] as const;
export type UsageDays = (typeof USAGE_DAYS)[number];

/** `?days=` of /admin/usage: one of the offered spans, 30 by default. */
export function parseUsageDays(params: Record<string, string | string[] | undefined>): UsageDays {
  const raw = Array.isArray(params.days) ? params.days[0] : params.days;
  return USAGE_DAYS.find((d) => String(d) === raw) ?? 30;
}
