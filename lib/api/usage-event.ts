import { z } from "zod";

// Stand-in until lib/metering's usageEventSchema is merged; same shape as its contract.
export const usageEventSchema = z.object({
  id: z.string().min(1).max(128).optional(),
  subscriptionId: z.guid(),
  dimension: z.string().min(1).max(64),
  quantity: z.number().positive(),
  timestamp: z.iso.datetime({ offset: true }),
});
export type UsageEventIn = z.infer<typeof usageEventSchema>;
