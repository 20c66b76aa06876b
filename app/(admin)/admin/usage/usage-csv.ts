import { parse } from "csv-parse/sync";
import { usageEventSchema, type UsageEventIn } from "@/lib/metering";

/** As many rows as one `POST /api/v1/usage` request takes. */
export const MAX_IMPORT_ROWS = 1_000;

export const USAGE_CSV_COLUMNS = ["subscriptionId", "dimension", "quantity", "timestamp", "id"] as const;
type Column = (typeof USAGE_CSV_COLUMNS)[number];
const REQUIRED: Column[] = ["dimension", "quantity", "timestamp"];

/** A data row as the file gave it; `row` counts data rows from 1, `line` is where it starts in the file. */
export interface CsvRowRef {
  row: number;
  line: number;
  values: Partial<Record<Column, string>>;
}
export interface CsvRowError extends CsvRowRef {
  message: string;
}
export type ParsedUsageCsv =
  { ok: true; events: Array<CsvRowRef & { event: UsageEventIn }>; errors: CsvRowError[] } | { ok: false; error: string };

// Headers match whatever their case and separators: "Subscription ID", "subscription_id", "subscriptionId".
const key = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
const COLUMN_BY_KEY = new Map(USAGE_CSV_COLUMNS.map((c) => [key(c), c]));

/**
 * Reads a usage CSV and checks every row with the API's own event schema, so a row is accepted
 * here exactly when the same event would be accepted by `POST /api/v1/usage`. On a subscription's
 * page the subscription is implied: a row naming another one is refused rather than moved.
 */
export function parseUsageCsv(text: string, opts: { subscriptionId?: string } = {}): ParsedUsageCsv {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    return { ok: false, error: `The file is not valid CSV: ${err instanceof Error ? err.message : String(err)}` };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, error: "The file is empty." };
  const columns = header.record.map((h) => COLUMN_BY_KEY.get(key(h)));
  const unknown = header.record.filter((_, i) => !columns[i]);
  if (unknown.length > 0)
    return {
      ok: false,
      error: `Unknown column ${unknown.map((u) => `"${u}"`).join(", ")}; the columns are ${USAGE_CSV_COLUMNS.join(", ")}.`,
    };
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (!opts.subscriptionId && !columns.includes("subscriptionId")) missing.unshift("subscriptionId");
  if (missing.length > 0) return { ok: false, error: `The first line must name the columns; missing: ${missing.join(", ")}.` };
  if (rows.length === 0) return { ok: false, error: "The file has a header but no rows." };
  if (rows.length > MAX_IMPORT_ROWS)
    return { ok: false, error: `At most ${MAX_IMPORT_ROWS} rows per file (this one has ${rows.length}); split it.` };

  const events: Array<CsvRowRef & { event: UsageEventIn }> = [];
  const errors: CsvRowError[] = [];
  rows.forEach(({ record, info }, i) => {
    const values: CsvRowRef["values"] = {};
    columns.forEach((c, j) => c && (values[c] = record[j] ?? ""));
    const ref: CsvRowRef = { row: i + 1, line: info.lines, values };
    if (record.length > columns.length)
      return errors.push({ ...ref, message: `${record.length} fields where the header names ${columns.length}.` });
    const rowSubscription = values.subscriptionId || opts.subscriptionId;
    if (opts.subscriptionId && rowSubscription?.toLowerCase() !== opts.subscriptionId.toLowerCase()) {
      return errors.push({
        ...ref,
        message: "This row is for another subscription; import it from that subscription's page or from Usage.",
      });
    }
    const parsed = usageEventSchema.safeParse({
      id: values.id || undefined,
      subscriptionId: rowSubscription,
      dimension: values.dimension,
      quantity: quantityOf(values.quantity),
      timestamp: values.timestamp,
    });
    if (parsed.success) events.push({ ...ref, event: parsed.data });
    else
      errors.push({ ...ref, message: parsed.error.issues.map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`).join("; ") });
  });
  return { ok: true, events, errors };
}

/** A number only when the cell is one; anything else goes to the schema as text, which refuses it by name. */
function quantityOf(cell: string | undefined): number | string | undefined {
  if (cell === undefined || cell === "") return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? Number(cell) : cell;
}
