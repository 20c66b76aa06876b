import { describe, expect, it } from "vitest";
import { authRedirect, safeRedirectPath } from "./safe-redirect";

describe("redirect targets", () => {
  it("takes same-site paths only", () => {
    expect(safeRedirectPath("/admin?x=1")).toBe("/admin?x=1");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "admin", 42, undefined]) {
      expect(safeRedirectPath(bad)).toBe("/");
    }
  });

  it("sends Auth.js to the portal's own pages, and to its root for anything else, never throwing", () => {
    const baseUrl = "https://portal.example";
    expect(authRedirect({ url: "/landing?token=abc", baseUrl })).toBe("https://portal.example/landing?token=abc");
    expect(authRedirect({ url: "https://portal.example/admin", baseUrl })).toBe("https://portal.example/admin");
    expect(authRedirect({ url: "//evil.example/x", baseUrl })).toBe("https://portal.example/");
    expect(authRedirect({ url: "https://evil.example/admin", baseUrl })).toBe(baseUrl);
    expect(authRedirect({ url: "G_cQ<script>zF&QEF.6j K0 $$7%twI", baseUrl })).toBe(baseUrl);
    expect(authRedirect({ url: "", baseUrl })).toBe(baseUrl);
  });
});
