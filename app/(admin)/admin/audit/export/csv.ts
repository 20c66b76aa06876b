import type { AuditEvent } from "@/db/schema";
import { csvStream, type CsvColumns } from "@/lib/csv";

const json = (v: unknown) => (v && typeof v === "object" && Object.keys(v).length === 0 ? "" : JSON.stringify(v));

export const AUDIT_COLUMNS: CsvColumns<AuditEvent> = [
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

/** The log as CSV bytes, one batch per read. */
export function auditCsvStream(batches: AsyncIterable<AuditEvent[]>): ReadableStream<Uint8Array> {
  return csvStream(AUDIT_COLUMNS, batches);
}
