import type { Subscription } from "@/db/schema";

type Cell = string | number | boolean | Date | null | undefined | readonly string[];

// A cell a spreadsheet would read as a formula; customer-supplied names and e-mails must not run (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(";") : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly Cell[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const SUBSCRIPTION_COLUMNS: Array<[header: string, value: (s: Subscription) => Cell]> = [
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

/**
 * The export as a byte stream, pulling one batch per read: a large export never sits in memory
 * whole, and a client that stops reading stops the queries.
 */
export function subscriptionsCsvStream(batches: AsyncIterable<Subscription[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The byte-order mark makes Excel read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(SUBSCRIPTION_COLUMNS.map(([h]) => h))}`));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map((s) => csvRow(SUBSCRIPTION_COLUMNS.map(([, v]) => v(s)))).join("")));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
