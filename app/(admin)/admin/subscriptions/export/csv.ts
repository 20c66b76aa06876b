import type { Subscription } from "@/db/schema";
import { csvStream, type CsvColumns } from "@/lib/csv";

export { csvCell, csvRow } from "@/lib/csv";

export const SUBSCRIPTION_COLUMNS: CsvColumns<Subscription> = [
  ["subscription_id", (s) => s.id],
  ["name", (s) => s.name],
  ["offer_id", (s) => s.offerId],
  ["plan_id", (s) => s.planId],
  ["quantity", (s) => s.quantity],
  ["status", (s) => s.status],
  ["provisioning_state", (s) => s.provisioningState],
  ["purchaser_email", (s) => s.purchaserEmail],
  ["purchaser_tenant_id", (s) => s.purchaserTenantId],
  ["beneficiary_email", (s) => s.beneficiaryEmail],
  ["beneficiary_tenant_id", (s) => s.beneficiaryTenantId],
  ["term_unit", (s) => s.termUnit],
  ["term_start", (s) => s.termStartDate],
  ["term_end", (s) => s.termEndDate],
  ["auto_renew", (s) => s.autoRenew],
  ["is_test", (s) => s.isTest],
  ["is_free_trial", (s) => s.isFreeTrial],
  ["sandbox_type", (s) => s.sandboxType],
  ["session_mode", (s) => s.sessionMode],
  ["allowed_customer_operations", (s) => s.allowedCustomerOperations],
  ["marketplace_created_at", (s) => s.marketplaceCreatedAt],
  ["activated_at", (s) => s.activatedAt],
  ["created_at", (s) => s.createdAt],
];

export function subscriptionsCsvStream(batches: AsyncIterable<Subscription[]>): ReadableStream<Uint8Array> {
  return csvStream(SUBSCRIPTION_COLUMNS, batches);
}
