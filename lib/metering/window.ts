import "server-only";
// Microsoft accepts usage only for the past 24 hours: "the usage event must be within the past
// 24 hours" (Metered Billing API, https://learn.microsoft.com/en-us/partner-center/marketplace-offers/marketplace-metering-service-apis).
export const HOUR_MS = 3_600_000;
export const WINDOW_MS = 24 * HOUR_MS;
/** Clock skew tolerated for events stamped slightly in the future. */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** Hours closer than this to the end of their window unsent are "near expiry" and warned about. */
export const NEAR_EXPIRY_MS = 6 * HOUR_MS;

export const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);

/** The last moment Microsoft accepts usage for `hour` (its effectiveStartTime must be within 24 hours). */
export const windowEndOf = (hour: Date) => new Date(hour.getTime() + WINDOW_MS);

/** Usage is reported per hour with the hour's start as effectiveStartTime, so the hour must still be inside the window. */
export function isInsideWindow(at: Date, now: Date): boolean {
  return hourOf(at).getTime() > now.getTime() - WINDOW_MS && at.getTime() <= now.getTime() + FUTURE_SKEW_MS;
}
