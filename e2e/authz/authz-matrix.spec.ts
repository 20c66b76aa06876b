import { expect, test } from "@playwright/test";
import { buyers, savedSignIn, Simulator } from "../fixtures";
import { boundArgumentsIn, callAction, describe, refusalIn, send, type Answer, type StorageState } from "./http";
import { builtActions, pageOfWorker, routeHandlers, type BuiltAction } from "./inventory";
import { actions, ROLES, routes, type ActionEntry, type Fixtures, type Role, type RouteEntry } from "./matrix";

// Every server action of the production build and every route handler under app/, called over
// raw HTTP as each role: below its declared role each must refuse and change nothing; at or above
// it, it must not refuse. The declarations live in ./matrix.ts.

const MATRIX = "e2e/authz/matrix.ts";

test("every server action and route handler has a declared role, and every declaration still exists", () => {
  const built = builtActions();
  const builtKeys = new Set(built.map((a) => a.key));
  const undeclared = built.filter((a) => !(a.key in actions)).map((a) => `  "${a.key}": { role: "…" },`);
  expect
    .soft(
      undeclared,
      `Server actions in the build without a declared role: add each to \`actions\` in ${MATRIX}:\n${undeclared.join("\n")}\n`,
    )
    .toEqual([]);
  const stale = Object.keys(actions).filter((k) => !builtKeys.has(k));
  expect.soft(stale, `Entries of \`actions\` in ${MATRIX} that the build no longer has: remove or rename them.`).toEqual([]);

  const handlers = routeHandlers();
  const undeclaredRoutes = handlers.filter((r) => !(r in routes)).map((r) => `  "${r}": { role: "…" },`);
  expect
    .soft(
      undeclaredRoutes,
      `Route handlers without a declared role: add each to \`routes\` in ${MATRIX}:\n${undeclaredRoutes.join("\n")}\n`,
    )
    .toEqual([]);
  const staleRoutes = Object.keys(routes).filter((k) => !handlers.includes(k));
  expect.soft(staleRoutes, `Entries of \`routes\` in ${MATRIX} that app/ no longer has: remove or rename them.`).toEqual([]);
});

test("each action and route refuses every role below its own, changes nothing for them, and admits the rest", async ({
  baseURL,
  request,
}) => {
  test.setTimeout(180_000);
  const base = baseURL!;
  const simulator = new Simulator(request);
  await simulator.reset();

  const states: Record<Role, StorageState | undefined> = {
    anonymous: undefined,
    buyer: undefined,
    viewer: undefined,
    operator: undefined,
    owner: undefined,
  };
  const emails: Record<Exclude<Role, "anonymous">, string> = {
    buyer: buyers.alex.email,
    viewer: "viewer@isv.example",
    operator: "operator@isv.example",
    owner: "owner@isv.example",
  };
  for (const [role, email] of Object.entries(emails)) states[role as Role] = await savedSignIn(email);

  const fixtures = await createFixtures(base, simulator, states);
  const built = new Map(builtActions().map((a) => [a.key, a]));
  const failures: string[] = [];
  let calls = 0;

  const boundCache = new Map<string, unknown[] | null>();
  async function invokeAction(key: string, entry: ActionEntry, role: Role): Promise<Answer | string> {
    const action = built.get(key);
    if (!action) return `${key} is not in the build`;
    const page = entry.page ? fill(entry.page, fixtures) : action.workers.map(pageOfWorker).find((p) => p !== null);
    if (!page) return `${key}: no page without a dynamic segment uses it; give it \`page\` in ${MATRIX}`;
    let bound: unknown[] = [];
    if (entry.boundFrom) {
      if (!boundCache.has(key)) boundCache.set(key, await boundArguments(base, states, fill(entry.boundFrom, fixtures), action));
      const found = boundCache.get(key);
      if (!found) return `${key}: its form was not found on ${entry.boundFrom}`;
      bound = found;
    }
    const form = Object.fromEntries(
      Object.entries(entry.form ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => fill(x, fixtures)) : fill(v, fixtures)]),
    );
    calls++;
    return callAction(base, states[role], { id: action.id, page, form, bound, withState: !entry.boundFrom && !entry.formOnly });
  }

  async function invokeRoute(key: string, entry: RouteEntry, role: Role): Promise<Answer> {
    const [method, path] = key.split(" ") as [string, string];
    const headers: Record<string, string> = { origin: new URL(base).origin };
    let data: string | undefined;
    if (entry.json !== undefined) {
      headers["content-type"] = "application/json";
      data = JSON.stringify(entry.json);
    } else if (entry.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      data = new URLSearchParams(Object.entries(entry.form).map(([k, v]) => [k, fill(v, fixtures)])).toString();
    }
    calls++;
    return send(base, states[role], fill(entry.url ?? path, fixtures), { method, headers, data, authjsCsrf: entry.authjsCsrf });
  }

  const below = (declared: Role) => ROLES.slice(0, ROLES.indexOf(declared));
  const atOrAbove = (declared: Role) => ROLES.slice(ROLES.indexOf(declared));
  const ordered = <E extends { last?: boolean }>(table: Record<string, E>) =>
    Object.entries(table).sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));
  const actionEntries = ordered(actions);
  const routeEntries = Object.entries(routes);

  // 1. Below the declared role: a refusal, and (checked once for all of them) no change.
  const before = await snapshot(base, simulator, states.owner, fixtures);
  for (const [key, entry] of actionEntries) {
    for (const role of below(entry.role)) {
      const answer = await invokeAction(key, entry, role);
      if (typeof answer === "string") failures.push(answer);
      else if (!refusalIn(answer, entry)) failures.push(`${key} (declared ${entry.role}) did not refuse ${role}: ${describe(answer)}`);
    }
  }
  for (const [key, entry] of routeEntries) {
    for (const role of entry.sameForAll ? ROLES : below(entry.role)) {
      const answer = await invokeRoute(key, entry, role);
      if (entry.sameForAll) {
        if (answer.status !== entry.sameForAll)
          failures.push(`${key} answered ${role} with ${describe(answer)}, not ${entry.sameForAll} as for everyone`);
      } else if (!refusalIn(answer)) failures.push(`${key} (declared ${entry.role}) did not refuse ${role}: ${describe(answer)}`);
    }
  }
  const after = await snapshot(base, simulator, states.owner, fixtures);
  expect.soft(failures.splice(0), "answers to roles below the declared one").toEqual([]);
  expect.soft(after, "audit events by refused callers, or the fixtures' subscriptions, changed").toEqual(before);

  // 2. At or above the declared role: anything but a refusal (a validation error is fine) or a crash.
  for (const [key, entry] of actionEntries) {
    for (const role of atOrAbove(entry.role)) {
      const answer = await invokeAction(key, entry, role);
      if (typeof answer === "string") failures.push(answer);
      // 4xx: Next.js did not recognise the call (unknown action ID, bad encoding), so it proves nothing.
      else if (refusalIn(answer, entry) || answer.status >= 400)
        failures.push(`${key} (declared ${entry.role}) refused or failed ${role}: ${describe(answer)}`);
    }
  }
  for (const [key, entry] of routeEntries) {
    if (entry.sameForAll) continue;
    for (const role of atOrAbove(entry.role)) {
      const answer = await invokeRoute(key, entry, role);
      if (refusalIn(answer) || answer.status >= 500)
        failures.push(`${key} (declared ${entry.role}) refused or failed ${role}: ${describe(answer)}`);
    }
  }
  expect(failures, "answers to the declared role and above").toEqual([]);
  test.info().annotations.push({
    type: "calls",
    description: `${calls} calls over ${actionEntries.length} actions and ${routeEntries.length} routes`,
  });
});

function fill(template: string, fixtures: Fixtures): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in fixtures)) throw new Error(`${MATRIX}: unknown fixture {${name}}; known: ${Object.keys(fixtures).join(", ")}`);
    return fixtures[name as keyof Fixtures];
  });
}

/** The page's form carries the closure's encrypted bound arguments; whoever sees the form will do. */
async function boundArguments(base: string, states: Record<Role, StorageState | undefined>, page: string, action: BuiltAction) {
  for (const role of ROLES) {
    const html = await send(base, states[role], page, { method: "GET" });
    const bound = boundArgumentsIn(html.body, action.id);
    if (bound) return bound;
  }
  return null;
}

/** Alex's active and pending subscriptions, an outbound endpoint and a staff member to act on. */
async function createFixtures(base: string, simulator: Simulator, states: Record<Role, StorageState | undefined>): Promise<Fixtures> {
  const active = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  const seats = await simulator.purchase({
    offerId: "contoso-teamwork",
    planId: "team",
    quantity: 3,
    purchaser: buyers.alex,
    autoActivate: true,
  });
  const pending = await simulator.purchase({ offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex });
  // The landing page stores the pending purchase; the Subscribe webhook stores the active ones.
  expect((await send(base, states.buyer, pending.landingUrl, { method: "GET" })).status).toBe(200);
  for (const { subscriptionId } of [active, seats]) {
    await expect
      .poll(
        async () =>
          (await send(base, states.owner, `/admin/subscriptions/${subscriptionId}`, { method: "GET" })).body.includes("Subscribed"),
        { timeout: 30_000 },
      )
      .toBe(true);
  }

  const built = new Map(builtActions().map((a) => [a.key, a]));
  const owner = (key: string, page: string, form: Record<string, string>) =>
    callAction(base, states.owner, { id: built.get(key)!.id, page, form, bound: [], withState: true });
  const created = await owner("app/(admin)/admin/outbound/actions.ts#createEndpointAction", "/admin/outbound", {
    url: "http://127.0.0.1:9/authz-matrix",
    eventTypes: "subscription.activated",
  });
  const endpoint = created.body.match(/"id":"([0-9a-f-]{36})"/)?.[1];
  expect(endpoint, describe(created)).toBeTruthy();

  const email = `matrix-${Date.now()}@isv.example`;
  const added = await owner("app/(admin)/admin/staff/actions.ts#addStaffAction", "/admin/staff", { email, role: "viewer" });
  expect(added.body, describe(added)).toContain("added as viewer");
  const staffPage = await send(base, states.owner, "/admin/staff", { method: "GET" });
  const staffMember = staffPage.body.match(new RegExp(`${email.replace(/[.]/g, "\\.")}[\\s\\S]*?name="id" value="([0-9a-f-]{36})"`))?.[1];
  expect(staffMember, `the staff page lists ${email}`).toBeTruthy();

  return {
    subscription: active.subscriptionId,
    seatSubscription: seats.subscriptionId,
    pendingSubscription: pending.subscriptionId,
    pendingToken: pending.token,
    endpoint: endpoint!,
    staffMember: staffMember!,
    unknown: crypto.randomUUID(),
  };
}

const CALLERS = [buyers.alex.email, "viewer@isv.example", "operator@isv.example"];

/**
 * What a refused call must not change: the audit events whose actor is a caller that is refused
 * somewhere (every change the portal makes is audited, with its actor), and the fixtures'
 * subscriptions as the portal and Microsoft's side see them.
 */
async function snapshot(base: string, simulator: Simulator, owner: StorageState | undefined, f: Fixtures) {
  const audit = (await send(base, owner, "/admin/audit/export", { method: "GET" })).body
    .split("\n")
    .filter((line) => CALLERS.includes(line.split(",")[4] ?? ""));
  const ids = [f.subscription, f.seatSubscription, f.pendingSubscription];
  const portal = (await send(base, owner, "/admin/subscriptions/export", { method: "GET" })).body
    .split("\n")
    .filter((line) => ids.some((id) => line.includes(id)));
  // Reads (resolve, get, list) are no change; the portal's background work may make them.
  const microsoft = (await Promise.all(ids.map((id) => simulator.subscription(id)))).map((s) => ({
    status: s.saasSubscriptionStatus,
    planId: s.planId,
    quantity: s.quantity,
    writes: Object.entries(s.apiCalls).filter(([name]) => !/^(resolve|get|list)/i.test(name)),
  }));
  return { audit, portal, microsoft };
}
