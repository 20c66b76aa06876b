import "server-only";
import { z } from "zod";
import { activationMode, onboardingFieldType, planChangePolicy } from "@/db/schema";

// Microsoft's identifiers: plan IDs are at most 50 lowercase letters, digits, "-" and "_".
const planId = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,50}$/, "Unknown plan");
const offerId = z.string().trim().min(1, "Unknown offer").max(100);
const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const list = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const offerSettingsSchema = z.object({
  offerId,
  displayName: z.string().trim().min(1, "Enter a display name").max(200, "At most 200 characters"),
  description: z.preprocess(blankToNull, z.string().trim().max(2000, "At most 2,000 characters").nullable()),
  // Buyers are sent here with a signed token: plain http would expose it on the way.
  handoffUrl: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https$/, message: "Enter an https:// address" })
      .max(2000)
      .refine((u) => {
        const url = new URL(u);
        return !url.username && !url.password && !url.hash;
      }, "No user name, password or #fragment in the address")
      .nullable(),
  ),
});
export type OfferSettingsInput = z.output<typeof offerSettingsSchema>;

export const planSettingsSchema = z.object({
  offerId,
  planId,
  activationMode: z.enum(activationMode.enumValues, { message: "Choose an activation mode" }),
  changePolicy: z.enum(planChangePolicy.enumValues, { message: "Choose a change policy" }),
});
export type PlanSettingsInput = z.output<typeof planSettingsSchema>;

const optionalInt = z.preprocess(
  blankToNull,
  z.coerce.number({ message: "Enter a whole number" }).int("Enter a whole number").min(-1_000_000_000).max(1_000_000_000).nullable(),
);

/** A field definition as staff edit it; the key is fixed once created because stored answers are kept under it. */
const fieldBody = z.object({
  label: z.string().trim().min(1, "Enter a label").max(100, "At most 100 characters"),
  helpText: z.preprocess(blankToNull, z.string().trim().max(300, "At most 300 characters").nullable()),
  type: z.enum(onboardingFieldType.enumValues, { message: "Choose a type" }),
  required: checkbox,
  min: optionalInt,
  max: optionalInt,
  // One option per line in the form.
  options: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/\r?\n/)
            .map((o) => o.trim())
            .filter(Boolean)
        : list(v),
    z.array(z.string().trim().min(1).max(100, "Each option at most 100 characters")).max(50, "At most 50 options"),
  ),
  allPlans: checkbox,
  planIds: z.preprocess(list, z.array(planId).max(100)),
});

function checkField(f: z.output<typeof fieldBody>, ctx: z.RefinementCtx) {
  const limits = f.type === "text" || f.type === "number";
  if (!limits && (f.min !== null || f.max !== null)) {
    ctx.addIssue({ code: "custom", path: [f.min !== null ? "min" : "max"], message: "Only text and number fields have limits" });
  }
  if (f.type === "text") {
    if (f.min !== null && (f.min < 0 || f.min > 2000))
      ctx.addIssue({ code: "custom", path: ["min"], message: "Between 0 and 2,000 characters" });
    if (f.max !== null && (f.max < 1 || f.max > 2000))
      ctx.addIssue({ code: "custom", path: ["max"], message: "Between 1 and 2,000 characters" });
  }
  if (f.min !== null && f.max !== null && f.min > f.max)
    ctx.addIssue({ code: "custom", path: ["max"], message: "Must not be below the minimum" });
  if (f.type === "choice") {
    if (f.options.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "Give at least two options, one per line" });
    if (new Set(f.options).size !== f.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Options must differ" });
  } else if (f.options.length > 0) {
    ctx.addIssue({ code: "custom", path: ["options"], message: "Only choice fields have options" });
  }
  if (!f.allPlans && f.planIds.length === 0)
    ctx.addIssue({ code: "custom", path: ["planIds"], message: "Pick at least one plan, or all plans" });
}

export const addOnboardingFieldSchema = fieldBody
  .extend({
    offerId,
    key: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, "Start with a letter; letters, digits and _ only, at most 40 characters"),
  })
  .superRefine(checkField);
export type AddOnboardingFieldInput = z.output<typeof addOnboardingFieldSchema>;

export const editOnboardingFieldSchema = fieldBody.extend({ fieldId: z.guid({ message: "Unknown field" }) }).superRefine(checkField);
export type EditOnboardingFieldInput = z.output<typeof editOnboardingFieldSchema>;

export const fieldIdSchema = z.object({ fieldId: z.guid({ message: "Unknown field" }) });
export const moveOnboardingFieldSchema = fieldIdSchema.extend({ direction: z.enum(["up", "down"]) });
export type MoveOnboardingFieldInput = z.output<typeof moveOnboardingFieldSchema>;
