import { request as apiRequest, type Browser, type BrowserContext } from "@playwright/test";
import { signInAs } from "../fixtures";

/** Raw HTTP as any client can send it: server actions and routes called without the portal's pages. */

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface Answer {
  status: number;
  /** Where a redirect points: `Location`, or `x-action-redirect` for a server action. */
  location: string | null;
  body: string;
}

/** Signs in through the account picker once and keeps the session cookies for raw requests. */
export async function signedInState(browser: Browser, baseURL: string, email: string): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await signInAs(page, email);
  await page.waitForURL(/\/account$/);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * One request in a context of its own, so that a response's cookies (a sign-out clears the
 * session) never leak into the next call; redirects are reported, not followed.
 */
export async function send(
  baseURL: string,
  state: StorageState | undefined,
  url: string,
  init: { method: string; headers?: Record<string, string>; data?: string; multipart?: FormData; authjsCsrf?: boolean },
): Promise<Answer> {
  const context = await apiRequest.newContext({ baseURL, storageState: state });
  try {
    const { authjsCsrf, ...options } = init;
    if (authjsCsrf) {
      // Auth.js's double-submit check: the token from /api/auth/csrf, with the cookie it sets, in a JSON body.
      const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
      options.data = JSON.stringify({ ...JSON.parse(options.data ?? "{}"), csrfToken });
    }
    const res = await context.fetch(url, { ...options, maxRedirects: 0, failOnStatusCode: false });
    const location = res.headers()["x-action-redirect"]?.split(";")[0] ?? res.headers()["location"] ?? null;
    return { status: res.status(), location, body: await res.text() };
  } finally {
    await context.dispose();
  }
}

/**
 * A server action called as Next.js's client calls it (see `encodeReply` in
 * next/dist/compiled/react-server-dom-*\/cjs/*-client.*.js and `handleAction` in
 * next/dist/server/app-render/action-handler.js): POST to a page with `Next-Action: <id>`. The
 * arguments are React's reply encoding; with a FormData argument it is multipart, the root
 * argument list as JSON in field `0`, where `"$K1"` stands for the FormData whose fields are sent
 * as `_1_<name>`. (Arguments without FormData travel as a `text/plain` JSON array instead; every
 * action here takes a form.) `bound` are a closure's bound arguments, `withState` adds the
 * previous state that `useActionState` passes first.
 */
export function callAction(
  baseURL: string,
  state: StorageState | undefined,
  call: { id: string; page: string; form: Record<string, string | string[]>; bound: unknown[]; withState: boolean },
): Promise<Answer> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(call.form)) {
    for (const v of Array.isArray(value) ? value : [value]) multipart.append(`_1_${name}`, v);
  }
  const root = [...call.bound.map(escapeString), ...(call.withState ? [null] : []), "$K1"];
  multipart.append("0", JSON.stringify(root));
  return send(baseURL, state, call.page, {
    method: "POST",
    headers: { "next-action": call.id, accept: "text/x-component", origin: new URL(baseURL).origin },
    multipart,
  });
}

// React escapes a string argument that starts with "$", which it otherwise reads as a reference.
const escapeString = (v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v);

/**
 * A closure action's bound arguments, encrypted by Next.js into the page that renders its form:
 * React writes them as hidden `$ACTION_<n>:<k>` fields (part 0 is `{id, bound: "$@<k>"}`).
 */
export function boundArgumentsIn(html: string, actionId: string): unknown[] | null {
  const forms = new Map<string, Map<string, unknown>>();
  for (const m of html.matchAll(/name="\$ACTION_(\d+):(\d+)"[^>]*?value="([^"]*)"/g)) {
    const parts = forms.get(m[1]!) ?? new Map<string, unknown>();
    parts.set(m[2]!, JSON.parse(decodeEntities(m[3]!)));
    forms.set(m[1]!, parts);
  }
  for (const parts of forms.values()) {
    const head = parts.get("0") as { id?: string; bound?: unknown } | undefined;
    if (head?.id !== actionId) continue;
    const resolve = (v: unknown): unknown =>
      typeof v === "string" && /^\$@\d+$/.test(v) ? resolve(parts.get(v.slice(2))) : Array.isArray(v) ? v.map(resolve) : v;
    const bound = resolve(head.bound);
    return Array.isArray(bound) ? bound : [];
  }
  return null;
}

function decodeEntities(s: string): string {
  return s.replace(
    /&(quot|amp|lt|gt|#x27|#39);/g,
    (_, e: string) => ({ quot: '"', amp: "&", lt: "<", gt: ">", "#x27": "'", "#39": "'" })[e]!,
  );
}

/**
 * Why an answer is a refusal on authorization grounds, or null. Refusals look like: the admin
 * action wrapper's `{ok:false}` with "Your session has ended…" or "You need the <role> role…"
 * (lib/actions/admin-action.ts; the landing actions say the former), a route's 401/403
 * (`staffForRoute` in lib/auth/guards.ts), or a redirect to sign-in or to the access-denied page.
 */
export function refusalIn(answer: Answer, opts: { redirectIsNormal?: boolean } = {}): string | null {
  if (answer.status === 401 || answer.status === 403) return `HTTP ${answer.status}`;
  const message = answer.body.match(/Your session has ended[^"]*|You need the \w+ role[^"]*/);
  if (message) return message[0];
  if (answer.location && !opts.redirectIsNormal) {
    const where = new URL(answer.location, "http://portal.invalid").pathname;
    if (where === "/sign-in" || where === "/admin/denied") return `redirect to ${where}`;
  }
  return null;
}

/** A short description of an answer for failure messages. */
export function describe(answer: Answer): string {
  const body = answer.body.replace(/\s+/g, " ").slice(0, 200);
  return `HTTP ${answer.status}${answer.location ? ` → ${answer.location}` : ""}: ${body}`;
}
