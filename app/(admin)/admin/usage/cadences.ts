/** The cadences of scheduled quantities, as the reference accelerator's scheduler offers them, in the dashboard's words. */
export const CADENCES = [
  ["hourly", "Every hour"],
  ["daily", "Every day"],
  ["monthly", "Every month"],
  ["one_time", "Once"],
] as const;

export const CADENCE_LABEL = new Map<string, string>(CADENCES);
