import "server-only";
import { z } from "zod";
import type { OnboardingField } from "@/db/schema";

export type OnboardingFieldDefinition = Pick<
  OnboardingField,
  "key" | "label" | "type" | "required" | "min" | "max" | "options" | "sortOrder" | "enabledPlanIds" | "helpText"
>;

/** The fields a buyer of `planId` answers, in display order. */
export function fieldsForPlan<T extends OnboardingFieldDefinition>(fields: T[], planId: string): T[] {
  return fields
    .filter((f) => !f.enabledPlanIds || f.enabledPlanIds.includes(planId))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key));
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export type OnboardingWordKey =
  "required" | "number" | "min" | "max" | "email" | "url" | "date" | "realDate" | "minLength" | "maxLength" | "tooLong" | "choice";

/**
 * The field errors' words, from the surface that shows them: the landing page passes the buyer's
 * language (the `Onboarding` messages); the labels themselves are the publisher's.
 */
export type OnboardingWords = (key: OnboardingWordKey, values: { label: string; min?: number; max?: number }) => string;

const ENGLISH: Record<OnboardingWordKey, (v: { label: string; min?: number; max?: number }) => string> = {
  required: ({ label }) => `${label} is required`,
  number: ({ label }) => `${label} must be a number`,
  min: ({ label, min }) => `${label} must be at least ${min}`,
  max: ({ label, max }) => `${label} must be at most ${max}`,
  email: ({ label }) => `${label} must be an e-mail address`,
  url: ({ label }) => `${label} must be a web address (https://…)`,
  date: ({ label }) => `${label} must be a date`,
  realDate: ({ label }) => `${label} must be a real date`,
  minLength: ({ label, min }) => `${label} must be at least ${min} characters`,
  maxLength: ({ label, max }) => `${label} must be at most ${max} characters`,
  tooLong: ({ label }) => `${label} is too long`,
  choice: ({ label }) => `Choose one of the options for ${label}`,
};
export const englishOnboardingWords: OnboardingWords = (key, values) => ENGLISH[key](values);

function fieldSchema(f: OnboardingFieldDefinition, say: OnboardingWords): z.ZodType<string | number | undefined> {
  const label = f.label;
  const min = f.min ?? undefined;
  const max = f.max ?? undefined;
  // Form posts give strings; blank means "not answered".
  const text = z.string().trim().max(2000, say("tooLong", { label }));
  let answered: z.ZodType<string | number>;
  switch (f.type) {
    case "number": {
      let n = z.coerce.number({ message: say("number", { label }) }).refine(Number.isFinite, say("number", { label }));
      if (min != null) n = n.refine((v) => v >= min, say("min", { label, min }));
      if (max != null) n = n.refine((v) => v <= max, say("max", { label, max }));
      answered = n;
      break;
    }
    case "email":
      answered = z.email({ message: say("email", { label }) });
      break;
    case "url":
      answered = z.url({ protocol: /^https?$/, message: say("url", { label }) });
      break;
    case "date":
      answered = z
        .string()
        .regex(isoDate, say("date", { label }))
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), say("realDate", { label }));
      break;
    case "choice": {
      const options = f.options ?? [];
      answered = z.string().refine((v) => options.includes(v), say("choice", { label }));
      break;
    }
    default: {
      let t = text;
      if (min != null) t = t.min(min, say("minLength", { label, min }));
      if (max != null) t = t.max(max, say("maxLength", { label, max }));
      answered = t;
    }
  }
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    f.required ? answered.optional().refine((v) => v !== undefined, say("required", { label })) : answered.optional(),
  ) as z.ZodType<string | number | undefined>;
}

/** A zod schema for one plan's onboarding answers, built from the staff-defined fields. */
export function onboardingSchema(fields: OnboardingFieldDefinition[], say: OnboardingWords = englishOnboardingWords) {
  return z.object(Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f, say)])));
}

export type OnboardingResult = { ok: true; values: Record<string, string | number> } | { ok: false; fieldErrors: Record<string, string> };

/** Validates raw form values; unknown keys are dropped, blank optional answers omitted. */
export function validateOnboarding(
  fields: OnboardingFieldDefinition[],
  raw: Record<string, unknown>,
  say: OnboardingWords = englishOnboardingWords,
): OnboardingResult {
  const parsed = onboardingSchema(fields, say).safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      fieldErrors[key] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  return { ok: true, values };
}
