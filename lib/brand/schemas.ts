import { z } from "zod";
import { PORTAL_BRAND_SCOPE } from "@/db/schema/brand";
import { accentProblem, formatRatio, HEX_COLOUR, TEXT_CONTRAST, UI_CONTRAST } from "./contrast";
import { MAX_LOGO_BYTES } from "./logo";

const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);

// Links a buyer follows from every page: https only, and nothing hidden in them.
const httpsLink = z.preprocess(
  blankToNull,
  z
    .url({ protocol: /^https$/, message: "Enter an https:// address" })
    .max(2000, "At most 2,000 characters")
    .refine((u) => {
      const url = new URL(u);
      return !url.username && !url.password;
    }, "No user name or password in the address")
    .nullable(),
);

export const LOGO_MESSAGES = {
  tooLarge: `At most ${MAX_LOGO_BYTES / 1024} KB`,
  notImage: "A PNG, JPEG, GIF or WebP image (SVG is not accepted)",
} as const;

const accentColor = z.preprocess(
  (v) => {
    const b = blankToNull(v);
    return typeof b === "string" ? b.trim().toLowerCase() : b;
  },
  z
    .string()
    .regex(HEX_COLOUR, "Enter a colour as #rrggbb, e.g. #0f62c9")
    .superRefine((hex, ctx) => {
      const problem = accentProblem(hex);
      if (!problem) return;
      ctx.addIssue({
        code: "custom",
        message:
          problem.against === "white"
            ? `Too light: ${formatRatio(problem.ratio)} against the white page, at least ${UI_CONTRAST}:1 is needed. Choose a darker shade.`
            : `Button text on it reaches only ${formatRatio(problem.ratio)}, at least ${TEXT_CONTRAST}:1 is needed.`,
      });
    })
    .nullable(),
);

/** An uploaded file; an empty file input (nothing chosen) means "keep the current logo". */
const logoFile = z.preprocess(
  (v) => (v instanceof File && v.size > 0 ? v : null),
  z
    .instanceof(File)
    .refine((f) => f.size <= MAX_LOGO_BYTES, LOGO_MESSAGES.tooLarge)
    .nullable(),
);

export const brandSettingsSchema = z.object({
  /** The offer's ID, or "*" for the portal's default. */
  scope: z.string().trim().min(1, "Unknown offer").max(100),
  productName: z.preprocess(blankToNull, z.string().trim().max(100, "At most 100 characters").nullable()),
  accentColor,
  supportEmail: z.preprocess(blankToNull, z.email({ message: "Enter an e-mail address" }).max(254).nullable()),
  supportUrl: httpsLink,
  privacyUrl: httpsLink,
  termsUrl: httpsLink,
  logo: logoFile,
  removeLogo: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type BrandSettingsInput = z.output<typeof brandSettingsSchema>;

export { PORTAL_BRAND_SCOPE };
