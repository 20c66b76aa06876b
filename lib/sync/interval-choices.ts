import { z } from "zod";

// No server imports here: the settings form renders these choices in the browser.

/** Choices offered in settings; every instance reads the stored value before each scheduled check. */
export const SYNC_INTERVAL_CHOICES = [
  { minutes: 0, label: "Off" },
  { minutes: 60, label: "Every hour" },
  { minutes: 180, label: "Every 3 hours" },
  { minutes: 360, label: "Every 6 hours" },
  { minutes: 720, label: "Every 12 hours" },
  { minutes: 1440, label: "Every day" },
] as const;

export const syncIntervalSchema = z.object({
  intervalMinutes: z.coerce
    .number({ message: "Choose an interval" })
    .int()
    .refine((m) => SYNC_INTERVAL_CHOICES.some((c) => c.minutes === m), "Choose one of the listed intervals"),
});

export function intervalLabel(minutes: number): string {
  return SYNC_INTERVAL_CHOICES.find((c) => c.minutes === minutes)?.label ?? `Every ${minutes} minutes`;
}

/** The owner's choice for drift in Microsoft-owned fields found by a sync. */
export const autoHealDriftSchema = z.object({
  autoHealDrift: z.enum(["on", "off"], { message: "Choose what a sync does with drift" }),
});
