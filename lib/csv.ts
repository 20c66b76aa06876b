export type CsvCell = string | number | boolean | Date | null | undefined | readonly string[];
export type CsvColumns<T> = ReadonlyArray<readonly [header: string, value: (row: T) => CsvCell]>;

// A cell a spreadsheet would read as a formula; customer-supplied names and e-mails must not run (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(";") : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvCell[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A CSV export as a byte stream, pulling one batch per read: a large export never sits in memory
 * whole, and a client that stops reading stops the queries.
 */
export function csvStream<T>(columns: CsvColumns<T>, batches: AsyncIterable<T[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The byte-order mark makes Excel read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(columns.map(([h]) => h))}`));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map((row) => csvRow(columns.map(([, v]) => v(row)))).join("")));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
