import { checkApiVersion, checkPublisherToken } from "./auth";
import { handleControlRequest } from "./control/router";
import { getSimulatorDb } from "./database";
import { applyFaults, SimulatedConnectionDrop, type ApiEndpoint } from "./faults";
import { activateSubscription, resolveSubscription } from "./fulfillment/resolve-activate";
import { deleteSubscription, patchSubscription } from "./fulfillment/changes";
import { getOperationById, listOperations, updateOperation } from "./fulfillment/operations-api";
import { getSubscriptionById, listAvailablePlans, listSubscriptions } from "./fulfillment/read";
import { fail, isGuid, requestIds, respond, SimHttpError, type SimContext } from "./http";
import { handleIdentityRequest } from "./identity";
import { getUsageEvents } from "./metering/usage-query";
import { postBatchUsageEvents, postUsageEvent } from "./metering/usage-api";
import { settleDueOperations } from "./operations";
import { simulatorOptions } from "./options";
import { ensureSimulatorTick } from "./tick";

export const SIMULATOR_PREFIX = "/api/simulator";

type Handler = (ctx: SimContext, ids: string[]) => Promise<Response>;
interface Route {
  method: string;
  /** Lower-case literal segments; ":id" captures a GUID. */
  pattern: string[];
  endpoint: ApiEndpoint;
  handle: Handler;
}

const sub =
  (handle: (ctx: SimContext, id: string) => Promise<Response>): Handler =>
  (ctx, ids) =>
    handle(ctx, ids[0]!);
const subOp =
  (handle: (ctx: SimContext, id: string, op: string) => Promise<Response>): Handler =>
  (ctx, ids) =>
    handle(ctx, ids[0]!, ids[1]!);

// The Fulfillment v2 and Metering paths, relative to https://marketplaceapi.microsoft.com/api.
const routes: Route[] = [
  { method: "POST", pattern: ["saas", "subscriptions", "resolve"], endpoint: "resolve", handle: (ctx) => resolveSubscription(ctx) },
  { method: "GET", pattern: ["saas", "subscriptions"], endpoint: "listSubscriptions", handle: (ctx) => listSubscriptions(ctx) },
  { method: "GET", pattern: ["saas", "subscriptions", ":id"], endpoint: "getSubscription", handle: sub(getSubscriptionById) },
  { method: "PATCH", pattern: ["saas", "subscriptions", ":id"], endpoint: "updateSubscription", handle: sub(patchSubscription) },
  { method: "DELETE", pattern: ["saas", "subscriptions", ":id"], endpoint: "deleteSubscription", handle: sub(deleteSubscription) },
  {
    method: "GET",
    pattern: ["saas", "subscriptions", ":id", "listavailableplans"],
    endpoint: "listAvailablePlans",
    handle: sub(listAvailablePlans),
  },
  { method: "POST", pattern: ["saas", "subscriptions", ":id", "activate"], endpoint: "activate", handle: sub(activateSubscription) },
  { method: "GET", pattern: ["saas", "subscriptions", ":id", "operations"], endpoint: "listOperations", handle: sub(listOperations) },
  {
    method: "GET",
    pattern: ["saas", "subscriptions", ":id", "operations", ":id"],
    endpoint: "getOperation",
    handle: subOp(getOperationById),
  },
  {
    method: "PATCH",
    pattern: ["saas", "subscriptions", ":id", "operations", ":id"],
    endpoint: "updateOperation",
    handle: subOp(updateOperation),
  },
  { method: "POST", pattern: ["usageevent"], endpoint: "usageEvent", handle: (ctx) => postUsageEvent(ctx) },
  { method: "POST", pattern: ["batchusageevent"], endpoint: "batchUsageEvent", handle: (ctx) => postBatchUsageEvents(ctx) },
  { method: "GET", pattern: ["usageevents"], endpoint: "getUsageEvents", handle: (ctx) => getUsageEvents(ctx) },
];

/** Matches like ASP.NET routing: literal segments case-insensitively; IDs must be GUIDs. */
function match(method: string, segments: string[]): { route: Route; ids: string[] } | "wrong-method" | "bad-id" | null {
  let wrongMethod = false;
  let badId = false;
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const ids: string[] = [];
    const fits = route.pattern.every((p, i) => {
      const s = segments[i]!;
      if (p !== ":id") return p === s.toLowerCase();
      ids.push(s.toLowerCase());
      return s !== "resolve";
    });
    if (!fits) continue;
    if (route.method !== method) {
      wrongMethod = true;
      continue;
    }
    if (!ids.every(isGuid)) {
      badId = true;
      continue;
    }
    return { route, ids };
  }
  return badId ? "bad-id" : wrongMethod ? "wrong-method" : null;
}

const notFound = () => new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } });

/**
 * The whole simulator behind `/api/simulator`: Microsoft's Fulfillment and Metering APIs, the
 * control API (`/_sim`), and the Entra look-alike under a tenant segment. Tests call it directly
 * with a `Request`; the Next.js route only forwards to it.
 */
export async function handleSimulatorRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(SIMULATOR_PREFIX)) return notFound();
  let segments: string[];
  try {
    segments = url.pathname.slice(SIMULATOR_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return notFound(); // a malformed escape such as %ZZ names nothing here
  }
  const first = segments[0];
  if (first && (isGuid(first) || ["common", "organizations"].includes(first.toLowerCase()))) {
    return handleIdentityRequest(request, first, segments.slice(1));
  }
  const options = simulatorOptions();
  if (!options.apiEnabled) return notFound();

  const db = await getSimulatorDb();
  ensureSimulatorTick(db);
  const ctx: SimContext = {
    db,
    request,
    url,
    baseUrl: `${options.portalOrigin}${SIMULATOR_PREFIX}`,
    ...requestIds(request),
    now: new Date(),
  };
  try {
    if (first === "_sim") {
      await settleDueOperations(db, ctx.now);
      return await handleControlRequest(ctx, segments.slice(1), { portalOrigin: options.portalOrigin });
    }
    const found = match(request.method.toUpperCase(), segments);
    if (found === null) throw new SimHttpError(404, { code: "NotFound", message: `No API at ${url.pathname}.` });
    if (found === "bad-id") throw fail.notFound("The identifier in the path is not a GUID.");
    if (found === "wrong-method")
      throw new SimHttpError(405, { code: "MethodNotAllowed", message: `${request.method} is not supported here.` });
    const faults = await applyFaults(db, found.route.endpoint);
    checkApiVersion(url);
    await checkPublisherToken(db, request, ctx.now);
    await settleDueOperations(db, ctx.now);
    const response = await found.route.handle(ctx, found.ids);
    if (faults.dropAfter) throw new SimulatedConnectionDrop("after");
    return response;
  } catch (err) {
    if (err instanceof SimHttpError) return respond(ctx, err.status, err.body, err.headers);
    if (err instanceof SimulatedConnectionDrop) throw err;
    console.error(`[simulator] ${request.method} ${url.pathname} failed`, err);
    return respond(ctx, 500, { error: { code: "InternalServerError", message: "An unexpected error occurred." } });
  }
}
