import type { Db } from "./client";
import { offers, onboardingFields, plans, type NewOnboardingField } from "./schema";

/**
 * The portal's own settings for the simulator's demo offers, so a fresh install shows the whole
 * journey: onboarding questions, and one plan that staff approve before activation. Only used in
 * simulator mode; idempotent.
 */
export async function seedDemoCatalogue(db: Db): Promise<void> {
  await db
    .insert(offers)
    .values([
      { id: "contoso-analytics", displayName: "Contoso Analytics", description: "Dashboards and reports for your sales data." },
      { id: "contoso-teamwork", displayName: "Contoso Teamwork", description: "Shared boards and chat for teams." },
    ])
    .onConflictDoNothing();
  // Enterprise deals are reviewed by staff before Microsoft starts billing.
  await db
    .insert(plans)
    .values({ offerId: "contoso-analytics", planId: "enterprise", displayName: "Enterprise", activationMode: "staff_approved" })
    .onConflictDoNothing();
  const existing = await db.select({ id: onboardingFields.id }).from(onboardingFields).limit(1);
  if (existing.length > 0) return;
  const fields: NewOnboardingField[] = [
    { offerId: "contoso-analytics", key: "company", label: "Company name", type: "text", required: true, max: 100, sortOrder: 1 },
    { offerId: "contoso-analytics", key: "contactEmail", label: "Technical contact e-mail", type: "email", required: true, sortOrder: 2 },
    {
      offerId: "contoso-analytics",
      key: "expectedUsers",
      label: "Expected number of users",
      type: "number",
      min: 1,
      max: 100000,
      sortOrder: 3,
    },
    {
      offerId: "contoso-analytics",
      key: "region",
      label: "Data region",
      type: "choice",
      options: ["Europe", "United States", "Asia Pacific"],
      required: true,
      sortOrder: 4,
    },
    { offerId: "contoso-analytics", key: "goLive", label: "Planned go-live date", type: "date", sortOrder: 5 },
    {
      offerId: "contoso-analytics",
      key: "ssoDomain",
      label: "Single sign-on domain",
      type: "url",
      helpText: "Your identity provider's URL, if you want SSO set up.",
      sortOrder: 6,
      enabledPlanIds: ["enterprise", "fabrikam-enterprise"],
    },
    { offerId: "contoso-teamwork", key: "teamName", label: "Team name", type: "text", required: true, max: 60, sortOrder: 1 },
  ];
  await db.insert(onboardingFields).values(fields);
}
