import { describe, expect, it } from "vitest";
import type { Subscription } from "@/db/schema";
import { csvCell, csvRow, subscriptionsCsvStream, SUBSCRIPTION_COLUMNS } from "./csv";
import { parseCsv } from "@/test/csv";

describe("CSV escaping", () => {
  it("round-trips commas, quotes and line breaks", () => {
    const values = ["Contoso, Ltd.", 'The "best" plan', "line one\nline two", "cr\r\nlf", "plain", ""];
    expect(parseCsv(csvRow(values))).toEqual([values]);
    expect(csvCell('a"b')).toBe('"a""b"');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    for (const v of ["+1", "-1+1", "@SUM(A1)", "\tx"]) expect(csvCell(v).startsWith("'")).toBe(true);
    expect(csvCell(-3)).toBe("-3");
  });

  it("writes dates as ISO 8601, booleans, lists and empties", () => {
    expect(csvCell(new Date("2026-03-01T10:00:00Z"))).toBe("2026-03-01T10:00:00.000Z");
    expect(csvRow([true, null, undefined, ["Read", "Update"], 5])).toBe("true,,,Read;Update,5\r\n");
  });
});

describe("CSV stream", () => {
  const sub = (i: number) =>
    ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      name: `Name, ${i}`,
      allowedCustomerOperations: ["Read"],
    }) as unknown as Subscription;

  it("streams a header, then one read per batch, and stops pulling when cancelled", async () => {
    let pulled = 0;
    async function* batches() {
      for (let b = 0; b < 3; b++) {
        pulled++;
        yield [sub(b * 2), sub(b * 2 + 1)];
      }
    }
    const text = await new Response(subscriptionsCsvStream(batches())).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(SUBSCRIPTION_COLUMNS.map(([h]) => h));
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [sub(i).id, `Name, ${i}`]));
    expect(pulled).toBe(3);

    pulled = 0;
    const reader = subscriptionsCsvStream(batches()).getReader();
    await reader.read(); // header
    await reader.read(); // first batch
    await reader.cancel();
    expect(pulled).toBe(1);
  });
});
