import { describe, expect, it } from "vitest";
import { guidSchema, isGuid } from "./schema-primitives";

describe("the one GUID check", () => {
  it("accepts Microsoft's GUIDs in either case, RFC 4122 version-conformant or not", () => {
    expect(isGuid("37f9dea2-4345-438f-b0bd-03d40d28c7e0")).toBe(true);
    expect(isGuid("37F9DEA2-4345-438F-B0BD-03D40D28C7E0")).toBe(true);
    // Version nibble 0 and variant nibble c: no RFC 4122 UUID, still a GUID Microsoft may send.
    expect(isGuid("aaaaaaaa-bbbb-0ccc-cddd-eeeeeeeeeeee")).toBe(true);
    expect(guidSchema.safeParse("00000000-0000-0000-0000-000000000000").success).toBe(true);
  });

  it("refuses anything else", () => {
    for (const value of [
      "",
      "not-a-guid",
      "37f9dea2-4345-438f-b0bd-03d40d28c7e",
      "{37f9dea2-4345-438f-b0bd-03d40d28c7e0}",
      "37f9dea2-4345-438f-b0bd-03d40d28c7e0 ",
    ]) {
      expect(isGuid(value), value).toBe(false);
    }
  });
});
