import { describe, expect, it } from "vitest";
import { fieldsForPlan, validateOnboarding, type OnboardingFieldDefinition } from "./onboarding";

const field = (f: Partial<OnboardingFieldDefinition> & Pick<OnboardingFieldDefinition, "key" | "type">): OnboardingFieldDefinition => ({
  label: f.key,
  required: false,
  min: null,
  max: null,
  options: null,
  sortOrder: 0,
  enabledPlanIds: null,
  helpText: null,
  ...f,
});

const fields = [
  field({ key: "company", label: "Company", type: "text", required: true, sortOrder: 1, max: 40 }),
  field({ key: "seats", label: "Expected users", type: "number", min: 1, max: 500, sortOrder: 2 }),
  field({ key: "start", label: "Start date", type: "date", sortOrder: 3 }),
  field({ key: "contact", label: "Contact e-mail", type: "email", required: true, sortOrder: 4 }),
  field({ key: "site", label: "Website", type: "url", sortOrder: 5 }),
  field({ key: "region", label: "Region", type: "choice", options: ["EU", "US"], required: true, sortOrder: 6 }),
  field({ key: "sso", label: "SSO domain", type: "text", sortOrder: 0, enabledPlanIds: ["enterprise"] }),
];

describe("onboarding fields", () => {
  it("enables fields per plan, in display order", () => {
    expect(fieldsForPlan(fields, "basic").map((f) => f.key)).toEqual(["company", "seats", "start", "contact", "site", "region"]);
    expect(fieldsForPlan(fields, "enterprise")[0]?.key).toBe("sso");
  });

  it("accepts valid answers, coerces numbers and drops blank optional ones", () => {
    const r = validateOnboarding(fields, {
      company: "  Contoso  ",
      seats: "25",
      start: "2026-12-01",
      contact: "it@contoso.example",
      site: "",
      region: "EU",
      injected: "ignored",
    });
    expect(r).toEqual({
      ok: true,
      values: { company: "Contoso", seats: 25, start: "2026-12-01", contact: "it@contoso.example", region: "EU" },
    });
  });

  it("reports one clear message per bad field", () => {
    const r = validateOnboarding(fields, {
      company: "",
      seats: "0",
      start: "2026-02-31x",
      contact: "not-an-email",
      site: "javascript:alert(1)",
      region: "APAC",
    });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {
        company: "Company is required",
        seats: "Expected users must be at least 1",
        start: "Start date must be a date",
        contact: "Contact e-mail must be an e-mail address",
        site: "Website must be a web address (https://…)",
        region: "Choose one of the options for Region",
      },
    });
  });

  it("enforces text length and number range bounds", () => {
    const r = validateOnboarding(fields, { company: "x".repeat(41), seats: "501", contact: "a@b.example", region: "US" });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.fieldErrors).toEqual({ company: "Company must be at most 40 characters", seats: "Expected users must be at most 500" });
  });
});
