import { describe, expect, it } from "vitest";
import type { BrandRow, NotificationContext } from "@/db/schema";
import { portalBranding } from "./branding";
import { renderEmail } from "./templates/render";

const row = (scope: string, fields: Partial<BrandRow>): BrandRow => ({
  scope,
  productName: null,
  logoHash: null,
  accentColor: null,
  supportEmail: null,
  supportUrl: null,
  privacyUrl: null,
  termsUrl: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...fields,
});

const ctx = (offerId: string): NotificationContext => ({
  eventType: "subscription.activated",
  occurredAt: "2026-01-01T00:00:00.000Z",
  audience: "buyer",
  subscription: { id: "s-1", name: "Team", offerId, offerName: "Contoso Analytics", planId: "basic", quantity: null, status: "Subscribed" },
});

describe("e-mail branding", () => {
  const hash = "a".repeat(64);
  const branding = portalBranding(
    "https://portal.example",
    [
      row("*", { productName: "Contoso Cloud", termsUrl: "https://contoso.example/terms" }),
      row("contoso-analytics", {
        productName: "Contoso Insights",
        logoHash: hash,
        accentColor: "#d97706",
        privacyUrl: "https://contoso.example/privacy",
      }),
    ],
    { email: "help@contoso.example", url: null },
  );

  it("shows the offer's name, logo, colour and links, over the portal's default", async () => {
    const m = await renderEmail(ctx("contoso-analytics"), branding);
    expect(m.subject).toBe("Your Contoso Insights subscription is active");
    expect(m.html).toContain(`src="https://portal.example/brand/logo/${hash}"`);
    // A light accent gets black button text, as on the buyer pages.
    expect(m.html).toMatch(/background-color:#d97706;color:#000000/);
    for (const href of ["https://contoso.example/privacy", "https://contoso.example/terms", "mailto:help@contoso.example"])
      expect(m.html).toContain(`href="${href}"`);
    expect(m.text).toContain("Sent by Contoso Cloud");
  });

  it("names an offer without a brand by its display name, in the default's colours", async () => {
    const m = await renderEmail(ctx("other-offer"), branding);
    expect(m.subject).toBe("Your Contoso Analytics subscription is active");
    expect(m.html).not.toContain("/brand/logo/");
    expect(m.html).toMatch(/background-color:#1d4ed8;color:#ffffff/);
  });
});
