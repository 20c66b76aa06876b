import type { SaasSubscriptionStatus } from "@/lib/marketplace/enums";

const TERM_NAMES: Record<string, string> = {
  P1M: "Monthly",
  P1Y: "1 year",
  P2Y: "2 years",
  P3Y: "3 years",
  P4Y: "4 years",
  P5Y: "5 years",
};

export const termName = (unit: string | null | undefined) => (unit ? (TERM_NAMES[unit] ?? unit) : "—");

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2 }).format(amount);
}

export function date(d: Date | null | undefined): string {
  return d ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(d) : "—";
}

export function dateTime(d: Date | null | undefined): string {
  return d ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC" : "—";
}

/** Microsoft's status names, said the way a buyer would. */
export const STATUS_LABELS: Record<string, string> = {
  NotStarted: "Not started",
  PendingFulfillmentStart: "Pending activation",
  Subscribed: "Active",
  Suspended: "Suspended",
  Unsubscribed: "Cancelled",
} satisfies Record<SaasSubscriptionStatus, string>;
