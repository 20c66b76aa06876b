import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBrandLogo } from "@/db/queries/brand";
import { listAuditEvents } from "@/db/queries/audit-events";
import { offers } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { brandFor, PORTAL_BRAND } from "./brand";
import { brandSettingsSchema } from "./schemas";
import { updateBrand } from "./settings";

const actor = { type: "staff" as const, id: "owner-1", email: "owner@isv.example" };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function form(fields: Record<string, string | File>) {
  const parsed = brandSettingsSchema.safeParse(fields);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

// "both": the logo is a bytea, which node-postgres and PGlite hand back as different types.
describe.each(testDatabases("both"))("brands on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(offers).values([
      { id: "brand-offer", displayName: "Contoso Analytics" },
      { id: "plain-offer", displayName: "Fabrikam Notes" },
    ]);
  });
  afterAll(async () => t?.close());

  it("names the offer's product, over the portal's default", async () => {
    expect(await brandFor("brand-offer", t.db)).toEqual({ ...PORTAL_BRAND, productName: "Contoso Analytics" });
  });

  it("falls back to the portal's brand without an offer or for an unknown one", async () => {
    expect(await brandFor(undefined, t.db)).toEqual(PORTAL_BRAND);
    expect(await brandFor("unknown-offer", t.db)).toEqual(PORTAL_BRAND);
  });

  it("saves an offer's brand with its sniffed logo and an audit event, over the portal's default field by field", async () => {
    const portal = form({
      scope: "*",
      productName: "Contoso Cloud",
      termsUrl: "https://contoso.example/terms",
      supportEmail: "help@contoso.example",
    });
    expect(await updateBrand(t.db, portal, actor)).toEqual({ ok: true, changed: true });
    const logo = new File([PNG], "logo.txt", { type: "text/plain" });
    const input = form({
      scope: "brand-offer",
      productName: "Contoso Insights",
      accentColor: "#0F7B6C",
      supportUrl: "https://contoso.example/help",
      logo,
    });
    expect(await updateBrand(t.db, input, actor)).toEqual({ ok: true, changed: true });

    const brand = await brandFor("brand-offer", t.db);
    expect(brand).toMatchObject({
      productName: "Contoso Insights",
      accentColor: "#0f7b6c",
      supportUrl: "https://contoso.example/help",
      // The offer's support site replaces the default's contact whole: its e-mail address is not mixed in.
      supportEmail: null,
      termsUrl: "https://contoso.example/terms",
      privacyUrl: null,
    });
    const hash = brand.logoUrl!.split("/").pop()!;
    const stored = await getBrandLogo(t.db, hash);
    expect(stored?.contentType).toBe("image/png");
    expect([...stored!.data]).toEqual([...PNG]);

    // An offer without its own brand shows its display name with the default's links.
    expect(await brandFor("plain-offer", t.db)).toMatchObject({ productName: "Fabrikam Notes", supportEmail: "help@contoso.example" });
    expect(await brandFor(null, t.db)).toMatchObject({ productName: "Contoso Cloud" });

    const [event] = await listAuditEvents(t.db, { targetType: "offer", targetId: "brand-offer" });
    expect(event).toMatchObject({ action: "brand.updated", actorEmail: "owner@isv.example" });
    expect(event!.changes).toMatchObject({ accentColor: { from: null, to: "#0f7b6c" }, logoHash: { from: null, to: hash } });

    // Saving the same again (no new file: the logo is kept) changes nothing and writes no event.
    const again = form({
      scope: "brand-offer",
      productName: "Contoso Insights",
      accentColor: "#0f7b6c",
      supportUrl: "https://contoso.example/help",
    });
    expect(await updateBrand(t.db, again, actor)).toEqual({ ok: true, changed: false });
    expect(await updateBrand(t.db, { ...again, removeLogo: true }, actor)).toEqual({ ok: true, changed: true });
    expect((await brandFor("brand-offer", t.db)).logoUrl).toBeNull();
  });

  it("refuses a file that is no image, whatever it claims, and an unknown offer", async () => {
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "logo.png", { type: "image/png" });
    expect(await updateBrand(t.db, form({ scope: "brand-offer", logo: svg }), actor)).toEqual({
      ok: false,
      code: "invalid-input",
      fieldErrors: { logo: expect.stringContaining("PNG, JPEG, GIF or WebP") },
    });
    expect(await updateBrand(t.db, form({ scope: "no-such-offer" }), actor)).toEqual({ ok: false, code: "offer-not-found" });
  });
});

describe("brandSettingsSchema", () => {
  const issues = (fields: Record<string, unknown>) => {
    const r = brandSettingsSchema.safeParse({ scope: "o", ...fields });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("refuses a colour that is no hex or too light for the white page, and plain-http links", () => {
    expect(issues({ accentColor: "blue" })).toEqual({ accentColor: "Enter a colour as #rrggbb, e.g. #0f62c9" });
    expect(issues({ accentColor: "#ffe14d" }).accentColor).toMatch(/^Too light: 1\.\d:1 against the white page/);
    expect(issues({ privacyUrl: "http://contoso.example/privacy", supportEmail: "nope" })).toEqual({
      privacyUrl: "Enter an https:// address",
      supportEmail: "Enter an e-mail address",
    });
  });

  it("refuses a logo over 256 KB and treats an empty file input as no new logo", () => {
    expect(issues({ logo: new File([new Uint8Array(256 * 1024 + 1)], "big.png") })).toEqual({ logo: "At most 256 KB" });
    expect(brandSettingsSchema.parse({ scope: "o", logo: new File([], "") }).logo).toBeNull();
  });
});
