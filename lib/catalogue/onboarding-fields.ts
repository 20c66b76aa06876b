import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import {
  deleteOnboardingField,
  getOnboardingField,
  insertOnboardingField,
  lockOnboardingFields,
  setOnboardingSortOrder,
  updateOnboardingField,
} from "@/db/queries/admin-catalogue";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getOffer, listOnboardingFields } from "@/db/queries/catalogue";
import { plans, type AuditChanges, type OnboardingField } from "@/db/schema";
import { eq } from "drizzle-orm";
import { fail } from "@/lib/errors";
import type { Actor } from "@/lib/subscriptions/activate";
import type { AddOnboardingFieldInput, EditOnboardingFieldInput, MoveOnboardingFieldInput } from "./schemas";
import type { CatalogueResult } from "./settings";

type FieldResult = { ok: true; changed: boolean; field: OnboardingField } | Extract<CatalogueResult, { ok: false }>;

const EDITABLE = ["label", "helpText", "type", "required", "min", "max", "options", "enabledPlanIds"] as const;

function audit(
  tx: DbOrTx,
  actor: Actor,
  action: string,
  field: OnboardingField,
  changes: AuditChanges,
  metadata: Record<string, unknown> = {},
) {
  return insertAuditEvent(tx, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    action,
    targetType: "offer",
    targetId: field.offerId,
    changes,
    metadata: { fieldId: field.id, key: field.key, ...metadata },
  });
}

/** Plan IDs must be plans of this offer: a typo would silently hide the question from everyone. */
async function checkPlans(tx: DbOrTx, offerId: string, input: { allPlans: boolean; planIds: string[] }) {
  if (input.allPlans) return { ok: true as const, enabledPlanIds: null };
  const known = new Set((await tx.select({ planId: plans.planId }).from(plans).where(eq(plans.offerId, offerId))).map((p) => p.planId));
  const unknown = input.planIds.filter((p) => !known.has(p));
  if (unknown.length > 0) return { ok: false as const, planIds: `Not plans of this offer: ${unknown.join(", ")}` };
  return { ok: true as const, enabledPlanIds: [...new Set(input.planIds)] };
}

function definition(input: AddOnboardingFieldInput | EditOnboardingFieldInput, enabledPlanIds: string[] | null) {
  return {
    label: input.label,
    helpText: input.helpText,
    type: input.type,
    required: input.required,
    min: input.min,
    max: input.max,
    options: input.type === "choice" ? input.options : null,
    enabledPlanIds,
  };
}

export async function addOnboardingField(db: Db, input: AddOnboardingFieldInput, actor: Actor): Promise<FieldResult> {
  return db.transaction(async (tx): Promise<FieldResult> => {
    if (!(await getOffer(tx, input.offerId))) return fail("offer-not-found");
    const existing = await listOnboardingFields(tx, input.offerId);
    if (existing.some((f) => f.key.toLowerCase() === input.key.toLowerCase())) {
      return fail("invalid-input", { key: "This offer already has a field with this key" });
    }
    const scope = await checkPlans(tx, input.offerId, input);
    if (!scope.ok) return fail("invalid-input", { planIds: scope.planIds });
    const field = await insertOnboardingField(tx, { offerId: input.offerId, key: input.key, ...definition(input, scope.enabledPlanIds) });
    const changes = Object.fromEntries(EDITABLE.map((k) => [k, { from: null, to: field[k] }]));
    await audit(tx, actor, "onboarding_field.added", field, changes);
    return { ok: true, changed: true, field };
  });
}

export async function editOnboardingField(db: Db, input: EditOnboardingFieldInput, actor: Actor): Promise<FieldResult> {
  return db.transaction(async (tx): Promise<FieldResult> => {
    const before = await getOnboardingField(tx, input.fieldId);
    if (!before) return fail("field-not-found");
    const scope = await checkPlans(tx, before.offerId, input);
    if (!scope.ok) return fail("invalid-input", { planIds: scope.planIds });
    const values = definition(input, scope.enabledPlanIds);
    const changes: AuditChanges = {};
    for (const k of EDITABLE) {
      if (JSON.stringify(before[k] ?? null) !== JSON.stringify(values[k] ?? null))
        changes[k] = { from: before[k] ?? null, to: values[k] ?? null };
    }
    if (Object.keys(changes).length === 0) return { ok: true, changed: false, field: before };
    const field = (await updateOnboardingField(tx, before.id, values))!;
    await audit(tx, actor, "onboarding_field.updated", field, changes);
    return { ok: true, changed: true, field };
  });
}

/** Answers already given stay in each subscription's onboarding values; only the question goes. */
export async function removeOnboardingField(db: Db, fieldId: string, actor: Actor): Promise<FieldResult> {
  return db.transaction(async (tx): Promise<FieldResult> => {
    const field = await deleteOnboardingField(tx, fieldId);
    if (!field) return fail("field-not-found");
    await audit(tx, actor, "onboarding_field.removed", field, Object.fromEntries(EDITABLE.map((k) => [k, { from: field[k], to: null }])));
    return { ok: true, changed: true, field };
  });
}

/** Swaps the field with its neighbour and renumbers the offer's fields 1..n. */
export async function moveOnboardingField(db: Db, input: MoveOnboardingFieldInput, actor: Actor): Promise<FieldResult> {
  return db.transaction(async (tx): Promise<FieldResult> => {
    const target = await getOnboardingField(tx, input.fieldId);
    if (!target) return fail("field-not-found");
    const fields = await lockOnboardingFields(tx, target.offerId);
    const at = fields.findIndex((f) => f.id === target.id);
    const to = input.direction === "up" ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= fields.length) return { ok: true, changed: false, field: target };
    const before = fields.map((f) => f.key);
    [fields[at], fields[to]] = [fields[to]!, fields[at]!];
    await setOnboardingSortOrder(
      tx,
      fields.map((f, i) => ({ id: f.id, sortOrder: i + 1 })),
    );
    await audit(tx, actor, "onboarding_field.reordered", target, { order: { from: before, to: fields.map((f) => f.key) } });
    return { ok: true, changed: true, field: target };
  });
}
