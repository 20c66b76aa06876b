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

function fieldSchema(f: OnboardingFieldDefinition): z.ZodType<string | number | undefined> {
  const label = f.label;
  // Form posts give strings; blank means "not answered".
  const text = z.string().trim().max(2000, `${label} is too long`);
  let answered: z.ZodType<string | number>;
  switch (f.type) {
    case "number": {
      let n = z.coerce.number({ message: `${label} must be a number` }).refine(Number.isFinite, `${label} must be a number`);
      if (f.min != null) n = n.refine((v) => v >= f.min!, `${label} must be at least ${f.min}`);
      if (f.max != null) n = n.refine((v) => v <= f.max!, `${label} must be at most ${f.max}`);
      answered = n;
      break;
    }
    case "email":
      answered = z.email({ message: `${label} must be an e-mail address` });
      break;
    case "url":
      answered = z.url({ protocol: /^https?$/, message: `${label} must be a web address (https://…)` });
      break;
    case "date":
      answered = z
        .string()
        .regex(isoDate, `${label} must be a date`)
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), `${label} must be a real date`);
      break;
    case "choice": {
      const options = f.options ?? [];
      answered = z.string().refine((v) => options.includes(v), `Choose one of the options for ${label}`);
      break;
    }
    default: {
      let t = text;
      if (f.min != null) t = t.min(f.min, `${label} must be at least ${f.min} characters`);
      if (f.max != null) t = t.max(f.max, `${label} must be at most ${f.max} characters`);
      answered = t;
    }
  }
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    f.required ? answered.optional().refine((v) => v !== undefined, `${label} is required`) : answered.optional(),
  ) as z.ZodType<string | number | undefined>;
}

/** A zod schema for one plan's onboarding answers, built from the staff-defined fields. */
export function onboardingSchema(fields: OnboardingFieldDefinition[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)])));
}

export type OnboardingResult = { ok: true; values: Record<string, string | number> } | { ok: false; fieldErrors: Record<string, string> };

/** Validates raw form values; unknown keys are dropped, blank optional answers omitted. */
export function validateOnboarding(fields: OnboardingFieldDefinition[], raw: Record<string, unknown>): OnboardingResult {
  const parsed = onboardingSchema(fields).safeParse(raw);
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
