import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "./db";
import { SimHttpError } from "./http";
import { simFaultRules, type FaultEffect, type SimFaultRule } from "./schema";

export const FAULT_ENDPOINTS = [
  "resolve",
  "activate",
  "listSubscriptions",
  "getSubscription",
  "listAvailablePlans",
  "updateSubscription",
  "deleteSubscription",
  "listOperations",
  "getOperation",
  "updateOperation",
  "usageEvent",
  "batchUsageEvent",
  "getUsageEvents",
] as const;
export type ApiEndpoint = (typeof FAULT_ENDPOINTS)[number];

const effectSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("status"),
    status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
    retryAfterSeconds: z.int().min(0).max(3600).optional(),
  }),
  z.strictObject({ type: z.literal("latency"), ms: z.int().min(1).max(120_000) }),
  // "before": the request never reaches the service; "after": it is processed, the answer is lost.
  z.strictObject({ type: z.literal("drop"), when: z.enum(["before", "after"]).default("before") }),
]);

export const faultRulesSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        endpoint: z.enum([...FAULT_ENDPOINTS, "*"]),
        rate: z.number().min(0).max(1).default(1),
        /** Apply to at most this many requests (shared across app instances); omit for no limit. */
        count: z.int().min(1).max(1_000_000).optional(),
        effect: effectSchema,
      }),
    )
    .max(100),
});
export type FaultRulesInput = z.input<typeof faultRulesSchema>;

/** A simulated network failure: the client gets no HTTP response at all. */
export class SimulatedConnectionDrop extends TypeError {
  constructor(readonly when: "before" | "after") {
    super("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
    this.name = "SimulatedConnectionDrop";
  }
}

export function faultRuleJson(rule: SimFaultRule) {
  return { id: rule.id, endpoint: rule.endpoint, rate: rule.rate, remaining: rule.remaining, effect: rule.effect };
}

export async function listFaultRules(db: DbOrTx): Promise<SimFaultRule[]> {
  return db.select().from(simFaultRules).orderBy(asc(simFaultRules.position));
}

export async function replaceFaultRules(db: Db, input: z.output<typeof faultRulesSchema>, now: Date): Promise<SimFaultRule[]> {
  return db.transaction(async (tx) => {
    await tx.delete(simFaultRules);
    if (input.rules.length === 0) return [];
    return tx
      .insert(simFaultRules)
      .values(
        input.rules.map((r, i) => ({
          id: randomUUID(),
          position: i,
          endpoint: r.endpoint,
          rate: r.rate,
          remaining: r.count ?? null,
          effect: r.effect as FaultEffect,
          createdAt: now,
        })),
      )
      .returning();
  });
}

/** Takes one use of a counted rule; false when another request (or instance) took the last one. */
async function claim(db: DbOrTx, rule: SimFaultRule): Promise<boolean> {
  if (rule.remaining === null) return true;
  const rows = await db
    .update(simFaultRules)
    .set({ remaining: rule.remaining - 1 })
    .where(and(eq(simFaultRules.id, rule.id), eq(simFaultRules.remaining, rule.remaining), gt(simFaultRules.remaining, 0)))
    .returning({ id: simFaultRules.id });
  if (rows.length > 0) return true;
  const [fresh] = await db.select().from(simFaultRules).where(eq(simFaultRules.id, rule.id));
  return fresh !== undefined && (fresh.remaining ?? 1) > 0 ? claim(db, fresh) : false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FaultDecision {
  dropAfter: boolean;
}

/** Latency rules add up; then the first failure rule that fires wins. */
export async function applyFaults(db: DbOrTx, endpoint: ApiEndpoint, random: () => number = Math.random): Promise<FaultDecision> {
  const rules = await db
    .select()
    .from(simFaultRules)
    .where(inArray(simFaultRules.endpoint, [endpoint, "*"]))
    .orderBy(asc(simFaultRules.position));
  let delay = 0;
  for (const rule of rules) {
    if (rule.effect.type !== "latency" || random() >= rule.rate || !(await claim(db, rule))) continue;
    delay += rule.effect.ms;
  }
  if (delay > 0) await sleep(delay);
  for (const rule of rules) {
    const effect = rule.effect;
    if (effect.type === "latency" || random() >= rule.rate || !(await claim(db, rule))) continue;
    if (effect.type === "drop") {
      if (effect.when === "after") return { dropAfter: true };
      throw new SimulatedConnectionDrop("before");
    }
    throw faultResponse(effect);
  }
  return { dropAfter: false };
}

function faultResponse(effect: Extract<FaultEffect, { type: "status" }>): SimHttpError {
  const headers: Record<string, string> = {};
  if (effect.retryAfterSeconds !== undefined || effect.status === 429) headers["retry-after"] = String(effect.retryAfterSeconds ?? 1);
  const code = effect.status === 429 ? "TooManyRequests" : effect.status === 503 ? "ServiceUnavailable" : "InternalServerError";
  const message =
    effect.status === 429 ? "Rate limit exceeded; retry after the Retry-After interval." : "A transient error occurred (simulated fault).";
  return new SimHttpError(effect.status, { error: { code, message } }, headers);
}
