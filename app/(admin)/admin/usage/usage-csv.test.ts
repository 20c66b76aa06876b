import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseUsageCsv } from "./usage-csv";

const SUB = "5f0c2a1e-8d7b-4c3a-9e2f-1a2b3c4d5e6f";
const OTHER = "0b7a3c1d-2e4f-4a6b-8c9d-0e1f2a3b4c5d";

describe("parseUsageCsv", () => {
  it("reads rows with the API's event schema and keeps each row's number and line", () => {
    const csv = [
      "\uFEFFSubscription ID,dimension,quantity,timestamp,id",
      `${SUB},api-calls,12.5,2026-05-04T13:20:00Z,evt-1`,
      "",
      `${OTHER},storage-gb,3,2026-05-04T13:00:00+02:00,`,
    ].join("\r\n");
    const parsed = parseUsageCsv(csv);
    expect(parsed).toEqual({
      ok: true,
      errors: [],
      events: [
        expect.objectContaining({
          row: 1,
          line: 2,
          event: { id: "evt-1", subscriptionId: SUB, dimension: "api-calls", quantity: 12.5, timestamp: "2026-05-04T13:20:00Z" },
        }),
        expect.objectContaining({
          row: 2,
          line: 4,
          event: { subscriptionId: OTHER, dimension: "storage-gb", quantity: 3, timestamp: "2026-05-04T13:00:00+02:00" },
        }),
      ],
    });
  });

  it("refuses each bad row with its reason and keeps the good ones", () => {
    const csv = [
      "dimension,quantity,timestamp,id",
      "api-calls,5,2026-05-04T13:00:00Z,a",
      "api-calls,-1,2026-05-04T13:00:00Z,b",
      "api-calls,lots,2026-05-04T13:00:00Z,c",
      "api-calls,2,yesterday,d",
      ",2,2026-05-04T13:00:00Z,e",
      '"api-calls, quoted",1,2026-05-04T13:00:00Z,f',
      "api-calls,1,2026-05-04T13:00:00Z,g,extra",
    ].join("\n");
    const parsed = parseUsageCsv(csv, { subscriptionId: SUB });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.events.map((e) => [e.row, e.event.id])).toEqual([
      [1, "a"],
      [6, "f"],
    ]);
    expect(parsed.events[1]?.event.dimension).toBe("api-calls, quoted");
    expect(parsed.errors.map((e) => [e.row, e.message.split(":")[0]])).toEqual([
      [2, "quantity"],
      [3, "quantity"],
      [4, "timestamp"],
      [5, "dimension"],
      [7, "5 fields where the header names 4."],
    ]);
    expect(parsed.errors[0]?.values).toEqual({ dimension: "api-calls", quantity: "-1", timestamp: "2026-05-04T13:00:00Z", id: "b" });
  });

  it("on a subscription's page, takes that subscription and refuses rows for another", () => {
    const csv = `subscriptionId,dimension,quantity,timestamp\n${SUB.toUpperCase()},api-calls,1,2026-05-04T13:00:00Z\n${OTHER},api-calls,1,2026-05-04T13:00:00Z\n,api-calls,2,2026-05-04T13:00:00Z`;
    const parsed = parseUsageCsv(csv, { subscriptionId: SUB });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.events.map((e) => e.row)).toEqual([1, 3]);
    expect(parsed.events[1]?.event.subscriptionId).toBe(SUB);
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 2, message: expect.stringMatching(/another subscription/) })]);
  });

  it("refuses the whole file when its header or shape is wrong", () => {
    expect(parseUsageCsv("")).toEqual({ ok: false, error: "The file is empty." });
    expect(parseUsageCsv("dimension,quantity,timestamp\napi-calls,1,2026-05-04T13:00:00Z")).toEqual({
      ok: false,
      error: expect.stringMatching(/missing: subscriptionId/),
    });
    expect(parseUsageCsv("dimension,amount,timestamp\n", { subscriptionId: SUB })).toEqual({
      ok: false,
      error: expect.stringMatching(/Unknown column "amount"/),
    });
    expect(parseUsageCsv("dimension,quantity,timestamp", { subscriptionId: SUB })).toEqual({
      ok: false,
      error: "The file has a header but no rows.",
    });
    expect(parseUsageCsv('dimension,quantity,timestamp\n"api-calls,1,2026', { subscriptionId: SUB })).toEqual({
      ok: false,
      error: expect.stringMatching(/not valid CSV/),
    });
    const many = [
      "dimension,quantity,timestamp",
      ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => "api-calls,1,2026-05-04T13:00:00Z"),
    ].join("\n");
    expect(parseUsageCsv(many, { subscriptionId: SUB })).toEqual({ ok: false, error: expect.stringMatching(/At most 1000 rows/) });
  });
});
