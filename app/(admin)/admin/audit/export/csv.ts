import type { AuditEvent } from "@/db/schema";
import { csvRow } from "../../subscriptions/export/csv";

type Cell = Parameters<typeof csvRow>[0][number];

const json = (v: unknown) => (v && typeof v === "object" && Object.keys(v).length === 0 ? "" : JSON.stringify(v));

export const AUDIT_COLUMNS: Array<[header: string, value: (e: AuditEvent) => Cell]> = [
  ["id", (e) => e.id],
  ["occurred_at", (e) => e.occurredAt],
  ["actor_type", (e) => e.actorType],
  ["actor_id", (e) => e.actorId],
  ["actor_email", (e) => e.actorEmail],
  ["action", (e) => e.action],
  ["target_type", (e) => e.targetType],
  ["target_id", (e) => e.targetId],
  ["changes", (e) => json(e.changes)],
  ["metadata", (e) => json(e.metadata)],
  ["request_id", (e) => e.requestId],
  ["correlation_id", (e) => e.correlationId],
];

/** The log as CSV bytes, one batch per read, so a large export never sits in memory whole. */
export function auditCsvStream(batches: AsyncIterable<AuditEvent[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The byte-order mark makes Excel read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(AUDIT_COLUMNS.map(([h]) => h))}`));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map((e) => csvRow(AUDIT_COLUMNS.map(([, v]) => v(e)))).join("")));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
