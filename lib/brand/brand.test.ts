import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offers } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { brandFor, PORTAL_BRAND } from "./brand";

describe.each(testDatabases("one"))("brandFor on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(offers).values({ id: "brand-offer", displayName: "Contoso Analytics" });
  });
  afterAll(async () => t?.close());

  it("names the offer's product, over the portal's default", async () => {
    expect(await brandFor("brand-offer", t.db)).toEqual({ ...PORTAL_BRAND, productName: "Contoso Analytics" });
  });

  it("falls back to the portal's brand without an offer or for an unknown one", async () => {
    expect(await brandFor(undefined, t.db)).toEqual(PORTAL_BRAND);
    expect(await brandFor("unknown-offer", t.db)).toEqual(PORTAL_BRAND);
  });
});
