import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { addOnboardingFieldSchema, editOnboardingFieldSchema, offerSettingsSchema, planSettingsSchema } from "./schemas";

/** First message per field, as the admin forms show them. */
const errors = (r: { success: boolean; error?: z.ZodError }) => {
  const out: Record<string, string> = {};
  for (const issue of r.error?.issues ?? []) out[issue.path.join(".")] ??= issue.message;
  return out;
};
const field = (over: Record<string, unknown>) => ({
  offerId: "contoso-analytics",
  key: "company",
  label: "Company",
  type: "text",
  allPlans: "on",
  ...over,
});

describe("catalogue input validation", () => {
  it("accepts only https hand-off addresses without credentials or fragments, and blank as none", () => {
    const base = { offerId: "contoso-analytics", displayName: "Contoso Analytics" };
    expect(offerSettingsSchema.parse({ ...base, handoffUrl: " ", description: "" })).toMatchObject({ handoffUrl: null, description: null });
    expect(offerSettingsSchema.parse({ ...base, handoffUrl: "https://app.contoso.example/start?x=1" }).handoffUrl).toBe(
      "https://app.contoso.example/start?x=1",
    );
    expect(errors(offerSettingsSchema.safeParse({ ...base, handoffUrl: "http://app.contoso.example" }))).toEqual({
      handoffUrl: "Enter an https:// address",
    });
    expect(errors(offerSettingsSchema.safeParse({ ...base, handoffUrl: "javascript:alert(1)" }))).toHaveProperty("handoffUrl");
    expect(errors(offerSettingsSchema.safeParse({ ...base, handoffUrl: "https://user:pw@app.contoso.example" }))).toHaveProperty(
      "handoffUrl",
    );
    expect(errors(offerSettingsSchema.safeParse({ ...base, handoffUrl: "https://app.contoso.example/#/start" }))).toHaveProperty(
      "handoffUrl",
    );
    expect(errors(offerSettingsSchema.safeParse({ ...base, displayName: "  " }))).toEqual({ displayName: "Enter a display name" });
  });

  it("knows the activation modes and change policies", () => {
    const ok = { offerId: "o", planId: "gold-1", activationMode: "staff_approved", changePolicy: "reject_downgrades" };
    expect(planSettingsSchema.safeParse(ok).success).toBe(true);
    expect(errors(planSettingsSchema.safeParse({ ...ok, changePolicy: "reject_everything" }))).toHaveProperty("changePolicy");
    expect(errors(planSettingsSchema.safeParse({ ...ok, planId: "Gold Plan" }))).toHaveProperty("planId");
  });

  it("reads onboarding field forms: checkboxes, blank numbers, options one per line, plan lists", () => {
    const parsed = addOnboardingFieldSchema.parse(
      field({
        type: "choice",
        options: "Europe\r\n United States \n\nAsia",
        min: "",
        required: "on",
        allPlans: undefined,
        planIds: "enterprise",
      }),
    );
    expect(parsed).toMatchObject({
      required: true,
      min: null,
      max: null,
      options: ["Europe", "United States", "Asia"],
      allPlans: false,
      planIds: ["enterprise"],
      helpText: null,
    });
    expect(addOnboardingFieldSchema.parse(field({ type: "number", min: "1", max: "500" }))).toMatchObject({
      min: 1,
      max: 500,
      required: false,
      planIds: [],
    });
  });

  it("refuses definitions the landing page could not enforce", () => {
    expect(errors(addOnboardingFieldSchema.safeParse(field({ key: "2fast" })))).toHaveProperty("key");
    expect(errors(addOnboardingFieldSchema.safeParse(field({ key: "has space" })))).toHaveProperty("key");
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "date", min: "1" })))).toEqual({
      min: "Only text and number fields have limits",
    });
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "number", min: "10", max: "5" })))).toEqual({
      max: "Must not be below the minimum",
    });
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "text", max: "5000" })))).toEqual({
      max: "Between 1 and 2,000 characters",
    });
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "number", min: "1.5" })))).toEqual({ min: "Enter a whole number" });
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "choice", options: "Only one" })))).toHaveProperty("options");
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "choice", options: "A\nA" })))).toEqual({
      options: "Options must differ",
    });
    expect(errors(addOnboardingFieldSchema.safeParse(field({ type: "email", options: "A\nB" })))).toEqual({
      options: "Only choice fields have options",
    });
    expect(errors(addOnboardingFieldSchema.safeParse(field({ allPlans: undefined })))).toEqual({
      planIds: "Pick at least one plan, or all plans",
    });
    // The key cannot be changed once answers are stored under it.
    expect(editOnboardingFieldSchema.parse({ ...field({}), fieldId: "9d7c1d2e-1111-4000-8000-000000000001" })).not.toHaveProperty("key");
  });
});

describe("labels shown by the catalogue forms", () => {
  it("cover exactly the values the database accepts", async () => {
    const { activationMode, onboardingFieldType, planChangePolicy } = await import("@/db/schema");
    const { ACTIVATION_MODE_LABELS, CHANGE_POLICY_LABELS, FIELD_TYPE_LABELS } = await import("./labels");
    expect(Object.keys(ACTIVATION_MODE_LABELS)).toEqual(activationMode.enumValues);
    expect(Object.keys(CHANGE_POLICY_LABELS)).toEqual(planChangePolicy.enumValues);
    expect(Object.keys(FIELD_TYPE_LABELS)).toEqual(onboardingFieldType.enumValues);
  });
});
