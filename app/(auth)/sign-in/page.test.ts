import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en.json";
import { signInErrorKey } from "@/lib/auth/sign-in-errors";
import SignInPage from "./page";

// The button's server action needs next-auth, whose entry only resolves inside Next.js; the
// message above it is what is under test here, in English (next-intl's request config needs Next.js too).
vi.mock("@/components/sign-in-button", () => ({ SignInButton: () => null }));
vi.mock("@/components/buyer/support-note", () => ({ SupportNote: () => null }));
vi.mock("next-intl/server", () => import("@/test/intl").then((m) => m.nextIntlServerInEnglish()));

const render = async (error?: string | string[]) =>
  renderToStaticMarkup(createElement("div", null, await SignInPage({ searchParams: Promise.resolve({ error }) })));
const alertOf = (html: string) => html.match(/<p role="alert"[^>]*>([^<]*)<\/p>/)?.[1] ?? null;
const generic = en.SignIn.errors.generic;

describe("/sign-in?error=", () => {
  it("shows the portal's own message for each error Auth.js sends", async () => {
    expect(alertOf(await render("AccessDenied"))).toMatch(/^Access was denied\./);
    expect(alertOf(await render("OAuthCallbackError"))).toMatch(/^Microsoft did not complete the sign-in/);
    expect(alertOf(await render("Configuration"))).toMatch(/problem on our side/);
    for (const code of ["Verification", "OAuthAccountNotLinked", "AccountNotLinked", "MissingCSRF", "SessionRequired", "OAuthSignin"]) {
      expect(signInErrorKey(code)).not.toBe(signInErrorKey("Default"));
    }
  });

  it("never echoes the parameter: unknown codes get a generic message", async () => {
    const attacker = "Your account is locked. Call +1 555 0100 to restore access";
    for (const code of [attacker, "constructor", "__proto__", "toString", "accessdenied"]) {
      const html = await render(code);
      expect(alertOf(html)).toBe(generic);
      expect(html).not.toContain(code);
    }
    expect(alertOf(await render([attacker, "AccessDenied"]))).toBe(generic);
  });

  it("shows nothing without an error", async () => {
    expect(alertOf(await render())).toBeNull();
    expect(alertOf(await render(""))).toBeNull();
  });
});
