import type { UsageRejectionCode as RejectionCode } from "@/lib/metering";

// Ingestion answers with codes (the API passes them on); the dashboard says them in words here.
const TEXT: Record<RejectionCode, string> = {
  unknown_subscription: "The portal does not know this subscription.",
  not_metered: "This subscription's plan has no metered dimensions.",
  unknown_dimension: "This dimension is not on the subscription's plan.",
  // https://learn.microsoft.com/partner-center/marketplace-offers/marketplace-metering-service-apis#metered-billing-single-usage-event
  outside_window: "Microsoft accepts usage only for the last 24 hours, and none in the future.",
  invalid: "The event is not valid.",
};

export function rejectionText(code: RejectionCode, detail?: string): string {
  return code === "invalid" && detail ? detail : TEXT[code];
}

/** The manual form's field each code points at; the others are about the subscription as a whole. */
export const REJECTION_FIELD: Partial<Record<RejectionCode, "dimension" | "hour" | "quantity">> = {
  unknown_dimension: "dimension",
  outside_window: "hour",
  invalid: "quantity",
};
