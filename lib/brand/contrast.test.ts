import { describe, expect, it } from "vitest";
import { accentPalette, accentProblem, BLACK, contrastRatio, formatRatio, TEXT_CONTRAST, UI_CONTRAST, WHITE } from "./contrast";

describe("contrast", () => {
  it("computes WCAG's ratios", () => {
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", WHITE)).toBeCloseTo(4.48, 2);
    expect(formatRatio(2.99)).toBe("2.9:1");
  });

  it("labels an accent with white or black, whichever contrasts more", () => {
    expect(accentPalette("#0F62C9")).toMatchObject({ accent: "#0f62c9", onAccent: WHITE, link: "#0f62c9" });
    const amber = accentPalette("#d97706");
    expect(amber.onAccent).toBe(BLACK);
    expect(amber.link).toBe("#0f172a");
  });

  it("keeps every pair it produces above WCAG's minimum, hover included", () => {
    for (let v = 0; v < 0x1000000; v += 0x0a3b1f) {
      const hex = `#${v.toString(16).padStart(6, "0")}`;
      if (accentProblem(hex)) continue;
      const p = accentPalette(hex);
      expect(contrastRatio(p.accent, p.onAccent)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(p.hover, p.onAccent)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(p.link, WHITE)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(p.accent, WHITE)).toBeGreaterThanOrEqual(UI_CONTRAST);
    }
  });

  it("refuses a colour that disappears on the white page", () => {
    expect(accentProblem("#ffe14d")).toEqual({ against: "white", ratio: expect.closeTo(1.3, 1) });
    expect(accentProblem("#0f7b6c")).toBeNull();
  });
});
