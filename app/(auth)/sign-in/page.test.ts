import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import SignInPage from "./page";

// The button's server action needs next-auth, whose entry only resolves inside Next.js; the
// message above it is what is under test here.
vi.mock("@/components/sign-in-button", () => ({ SignInButton: () => null }));

const render = async (error?: string | string[]) =>
  renderToStaticMarkup(createElement("div", null, await SignInPage({ searchParams: Promise.resolve({ error }) })));
const alertOf = (html: string) => html.match(/<p role="alert"[^>]*>([^<]*)<\/p>/)?.[1] ?? null;

describe("/sign-in?error=", () => {
  it("shows the portal's own message for each error Auth.js sends", async () => {
    expect(alertOf(await render("AccessDenied"))).toMatch(/^Access was denied\./);
    expect(alertOf(await render("OAuthCallbackError"))).toMatch(/^Microsoft did not complete the sign-in/);
    expect(alertOf(await render("Configuration"))).toMatch(/problem on our side/);
    for (const code of ["Verification", "OAuthAccountNotLinked", "AccountNotLinked", "MissingCSRF", "SessionRequired", "OAuthSignin"]) {
      expect(signInErrorMessage(code)).not.toBe(signInErrorMessage("Default"));
    }
  });

  it("never echoes the parameter: unknown codes get a generic message", async () => {
    const attacker = "Your account is locked. Call +1 555 0100 to restore access";
    for (const code of [attacker, "constructor", "__proto__", "toString", "accessdenied"]) {
      const html = await render(code);
      expect(alertOf(html)).toBe("Sign-in did not complete. Please try again.");
      expect(html).not.toContain(code);
    }
    expect(alertOf(await render([attacker, "AccessDenied"]))).toBe("Sign-in did not complete. Please try again.");
  });

  it("shows nothing without an error", async () => {
    expect(alertOf(await render())).toBeNull();
    expect(alertOf(await render(""))).toBeNull();
  });
});
