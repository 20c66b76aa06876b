import { z } from "zod";
import type { Db } from "../db";
import { listOffersWithPlans } from "../catalogue";
import { getRuntimeConfig, runtimeConfigUpdateSchema, updateRuntimeConfig } from "../config";
import { faultRuleJson, faultRulesSchema, listFaultRules, replaceFaultRules } from "../faults";
import { isGuid, readJson, respond, type SimContext } from "../http";
import { clearWebhookDeliveries, listWebhookDeliveries } from "../notify";
import { resetSimulator } from "../seed";
import { seedPeople, seedTenants } from "../seed-data";
import { planJson } from "../serialize";
import { CUSTOMER_ACTIONS, performCustomerAction, type CustomerAction } from "./customer-actions";
import { controlError, fieldErrorsOf } from "./errors";
import { checkControlWrite, webhookUrlProblem, type ControlOptions } from "./guard";
import { purchase } from "./purchases";
import { getControlSubscription, listControlSubscriptions } from "./views";

async function parseBody<T extends z.ZodType>(ctx: SimContext, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse((await readJson(ctx.request)) ?? {});
  if (!parsed.success) throw controlError(400, "The request body is invalid.", fieldErrorsOf(parsed.error.issues));
  return parsed.data;
}

const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  subscriptionId: z.uuid().optional(),
  operationId: z.uuid().optional(),
});

export async function offersView(db: Db) {
  const offers = await listOffersWithPlans(db);
  return offers.map((o) => ({
    id: o.id,
    displayName: o.displayName,
    description: o.description,
    isPricePerSeat: o.isPricePerSeat,
    plans: o.plans.map((p) => ({ ...planJson(p, { market: "US", withSourceOffers: true }), allowedTenantIds: p.allowedTenantIds })),
  }));
}

async function parseConfigUpdate(ctx: SimContext, opts: ControlOptions) {
  const update = await parseBody(ctx, runtimeConfigUpdateSchema);
  const problem = update.webhookUrl ? webhookUrlProblem(update.webhookUrl, opts) : null;
  if (problem) throw controlError(400, problem, { webhookUrl: [problem] });
  return update;
}

/**
 * The control API under `/api/simulator/_sim`: JSON in and out, for tests and the storefront.
 * Writes are refused from other sites' pages (see guard.ts).
 */
export async function handleControlRequest(ctx: SimContext, segments: string[], opts: ControlOptions): Promise<Response> {
  checkControlWrite(ctx.request, opts);
  const { db, now } = ctx;
  const method = ctx.request.method.toUpperCase();
  const route = `${method} ${segments.map((s, i) => (i === 1 && segments[0] === "subscriptions" ? ":id" : s)).join("/")}`;
  const ok = (body: unknown, status = 200) => respond(ctx, status, body);

  switch (route) {
    case "GET offers":
      return ok({ offers: await offersView(db) });
    case "GET buyers":
      return ok({ tenants: seedTenants, people: seedPeople });
    case "POST purchases":
      return ok(await purchase(db, await readJson(ctx.request), now), 201);
    case "GET subscriptions":
      return ok({ subscriptions: await listControlSubscriptions(db, now) });
    case "GET webhook-deliveries": {
      const q = deliveriesQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
      if (!q.success) throw controlError(400, "Invalid query.", fieldErrorsOf(q.error.issues));
      return ok({ deliveries: await listWebhookDeliveries(db, q.data) });
    }
    case "GET faults":
      return ok({ rules: (await listFaultRules(db)).map(faultRuleJson) });
    case "PUT faults":
      return ok({ rules: (await replaceFaultRules(db, await parseBody(ctx, faultRulesSchema), now)).map(faultRuleJson) });
    case "GET config":
      return ok(await getRuntimeConfig(db));
    case "PUT config":
      return ok(await updateRuntimeConfig(db, await parseConfigUpdate(ctx, opts), now));
    case "POST reset":
      await resetSimulator(db, now, [clearWebhookDeliveries]);
      return ok({ reset: true });
  }

  const id = segments[1];
  if (segments[0] === "subscriptions" && id !== undefined) {
    if (!isGuid(id)) throw controlError(404, `Subscription ${id} was not found.`);
    if (route === "GET subscriptions/:id") {
      const sub = await getControlSubscription(db, id, now);
      if (!sub) throw controlError(404, `Subscription ${id} was not found.`);
      return ok(sub);
    }
    const action = segments[2];
    if (method === "POST" && segments.length === 3 && CUSTOMER_ACTIONS.some((a) => a === action)) {
      return ok(await performCustomerAction(db, id, action as CustomerAction, await readJson(ctx.request), now));
    }
  }
  throw controlError(404, `No control endpoint ${method} /_sim/${segments.join("/")}.`);
}
