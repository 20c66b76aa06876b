import { describe, expect, it } from "vitest";
import { auditFiltersOf, auditQuery, parseAuditSearch } from "./search-params";

describe("audit log URL state", () => {
  it("reads filters, makes the end date inclusive and drops what it cannot read", () => {
    const s = parseAuditSearch({
      actor: " owner@isv.example ",
      action: "subscription.",
      from: "2026-03-01",
      to: "2026-03-31",
      after: "120",
      before: "x",
      target: "",
    });
    expect(s).toMatchObject({ actor: "owner@isv.example", action: "subscription.", after: 120, before: undefined, target: undefined });
    expect(auditFiltersOf(s)).toMatchObject({ from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") });
    expect(parseAuditSearch({ from: "2026-02-31x", to: "yesterday", after: "-3" })).toMatchObject({
      from: undefined,
      to: undefined,
      after: undefined,
    });
  });

  it("starts again at the newest page when a filter changes, and keeps the filter when paging", () => {
    const s = parseAuditSearch(new URLSearchParams("actor=ops&after=50"));
    expect(auditQuery(s, { action: "sync." })).toBe("?actor=ops&action=sync.");
    expect(auditQuery(s, { before: 40, after: undefined })).toBe("?actor=ops&before=40");
  });
});
