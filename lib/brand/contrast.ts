/**
 * Colour contrast as WCAG 2.2 defines it (relative luminance, ratio (L1 + 0.05) / (L2 + 0.05)):
 * https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio. Pure, so the dashboard's check, the buyer
 * pages and the e-mails agree on every colour.
 */

export const WHITE = "#ffffff";
export const BLACK = "#000000";
/** Text, such as a button's label or a link: WCAG 1.4.3. */
export const TEXT_CONTRAST = 4.5;
/** Non-text parts on the white page, such as the header's bar and the focus ring: WCAG 1.4.11. */
export const UI_CONTRAST = 3;

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Rounded down, so "2.9:1" is never shown for a colour that fails 3:1. */
export const formatRatio = (ratio: number) => `${Math.floor(ratio * 10) / 10}:1`;

export interface AccentPalette {
  /** Buttons and the header's bar. */
  accent: string;
  /** The label on an accent background: white or black, whichever contrasts more. */
  onAccent: string;
  /** A button under the pointer: moved away from its label's colour, so the label only gains contrast. */
  hover: string;
  /** Links on the white page: the accent itself when it is dark enough for text, else near-black. */
  link: string;
}

/** `hex` moved `share` of the way towards `to`. */
function mix(hex: string, to: string, share: number): string {
  const c = (s: string, i: number) => parseInt(s.slice(i, i + 2), 16);
  const ch = (i: number) =>
    Math.round(c(hex, i) + (c(to, i) - c(hex, i)) * share)
      .toString(16)
      .padStart(2, "0");
  return `#${ch(1)}${ch(3)}${ch(5)}`;
}

/** How a valid accent colour is used on a white page, every pair at least the contrast WCAG asks for. */
export function accentPalette(accent: string): AccentPalette {
  const a = accent.toLowerCase();
  const onAccent = contrastRatio(a, WHITE) >= contrastRatio(a, BLACK) ? WHITE : BLACK;
  return {
    accent: a,
    onAccent,
    hover: onAccent === WHITE ? mix(a, BLACK, 0.15) : mix(a, WHITE, 0.25),
    link: contrastRatio(a, WHITE) >= TEXT_CONTRAST ? a : "#0f172a",
  };
}

/**
 * Why an accent colour cannot be used, or null. Its label is white or black, whichever contrasts
 * more, which always reaches 4.5:1; the colour itself must still stand out from the white page.
 */
export function accentProblem(accent: string): { against: "white" | "label"; ratio: number } | null {
  const { accent: a, onAccent } = accentPalette(accent);
  const label = contrastRatio(a, onAccent);
  if (label < TEXT_CONTRAST) return { against: "label", ratio: label };
  const page = contrastRatio(a, WHITE);
  return page < UI_CONTRAST ? { against: "white", ratio: page } : null;
}
