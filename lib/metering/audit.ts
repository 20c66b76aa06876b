import "server-only";
import type { UsageHour } from "@/db/schema";

/** A usage audit row (`usage.*`) for one hour; each becomes an outbound event (lib/outbound/event-types.ts). */
export function auditOf(h: Pick<UsageHour, "subscriptionId" | "dimension" | "hour">, action: string, metadata: Record<string, unknown>) {
  return {
    actorType: "system" as const,
    actorId: "metering",
    action,
    targetType: "subscription",
    targetId: h.subscriptionId,
    metadata: { dimension: h.dimension, hour: h.hour.toISOString(), ...metadata },
  };
}

/** An hour that passed Microsoft's window unsent: rejected for good, like Microsoft's own Expired. */
export const expiredAudit = (h: Pick<UsageHour, "subscriptionId" | "dimension" | "hour" | "reportedQuantity" | "lastError">) =>
  auditOf(h, "usage.rejected", { quantity: h.reportedQuantity, status: "expired", reason: h.lastError });
