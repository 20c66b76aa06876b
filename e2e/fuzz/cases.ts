/**
 * Hostile requests for the portal's public boundaries, made from a seed so that a failure reproduces:
 * the webhook, the landing page, sign-in, server actions (posted to the pages that hold them), the
 * `/api/v1` API, the simulator's control API, the brand logo route and the dashboard's live stream.
 * Used by e2e/fuzz.api.spec.ts and bench/fuzz.mjs, which send them with ./send.ts.
 * Nothing here can change state other specs rely on: no valid credentials, no simulator reset.
 */

export interface FuzzCase {
  /** What the case aims at, for the report. */
  target: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** mulberry32: small, fast and good enough to pick cases; the same seed gives the same cases. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof createRandom>;

const NASTY = [
  "\u0000",
  "\ud800",
  "\udc00",
  "\ufffe",
  "\u202e",
  "%",
  "%00",
  "%ZZ",
  "%E0%A4%A",
  "../",
  "<script>",
  "'\"",
  "$",
  "$$",
  "\\",
  "\r\n",
  "😀",
  " ",
  "+",
  "&",
  "=",
  "#",
  "?",
];
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";

function text(r: Random, max = 40): string {
  let s = "";
  const n = r.int(max + 1);
  for (let i = 0; i < n; i++) s += r.chance(0.15) ? r.pick(NASTY) : ALPHABET[r.int(ALPHABET.length)];
  return s;
}

/** Percent-encodes anything, lone surrogates included (as U+FFFD, which is what a URL can carry). */
const enc = (s: string) => encodeURIComponent(s.toWellFormed());
/** Text a header can carry: printable ASCII only. */
const headerText = (r: Random, max = 40) => text(r, max).replace(/[^\x20-\x7e]/g, "");

const hex = (r: Random, n: number) => Array.from({ length: n }, () => "0123456789abcdef"[r.int(16)]).join("");
const guid = (r: Random) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-8${hex(r, 3)}-${hex(r, 12)}`;
const deep = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}${close.repeat(depth)}`;

/** A JSON value of random shape, sometimes with strings PostgreSQL cannot store or React reads as references. */
function jsonValue(r: Random, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1e308, -0, 2 ** 53 + 1, 3.14, 1e-300]);
    case 3:
    case 4:
      return r.chance(0.2) ? r.pick(["$K1", "$@1", "$Q1", "$h1", "$T", "$1", "$0:a", "$D", "$n99", "$undefined", "$"]) : text(r);
    case 5:
    case 6:
      return Array.from({ length: r.int(5) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [text(r, 12), jsonValue(r, depth + 1)]));
  }
}

/** A body: random text, random JSON, JSON with escapes PostgreSQL refuses, deep nesting, or bytes that are not UTF-8. */
function body(r: Random): string | Uint8Array<ArrayBuffer> {
  switch (r.int(9)) {
    case 0:
      return text(r, 200);
    case 1:
      return "";
    case 2:
      return JSON.stringify(jsonValue(r));
    case 3:
      return JSON.stringify({ note: "x" }).replace("x", r.pick(["\\u0000", "\\ud800", "\\udc00\\ud800", "\\ud83d"]));
    case 4:
      return deep(r.pick([100, 1_000, 6_000, 20_000]));
    case 5:
      return Uint8Array.from({ length: r.int(300) }, () => r.int(256));
    case 6:
      return `{"a":${deep(r.pick([65, 6_000]))}}`;
    case 7:
      return "x".repeat(r.pick([70_000, 300_000]));
    default:
      return JSON.stringify([jsonValue(r), jsonValue(r)]);
  }
}

function multipart(r: Random, fields: Array<[string, string]>): { contentType: string; body: string } {
  const boundary = r.chance(0.9) ? `----fuzz${hex(r, 12)}` : headerText(r, 10);
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("");
  const end = r.chance(0.8) ? `--${boundary}--\r\n` : r.pick(["", `--${boundary}`, "--", text(r)]);
  const contentType = r.pick([
    `multipart/form-data; boundary=${boundary}`,
    `multipart/form-data; boundary=${boundary}`,
    "multipart/form-data",
    `multipart/form-data; boundary="${headerText(r, 5)}"`,
  ]);
  return { contentType, body: r.chance(0.85) ? parts + end : text(r, 100) };
}

/** React's reply encoding for an action call, sometimes right, mostly not. */
function actionArguments(r: Random): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const root = r.pick([
    () => JSON.stringify([null, "$K1"]),
    () => JSON.stringify(["$K1"]),
    () => JSON.stringify(["$@1", "$K2"]),
    () => JSON.stringify([jsonValue(r), "$K1"]),
    () => JSON.stringify(jsonValue(r)),
    () => text(r),
    () => JSON.stringify(["$0:0:a", "$K1"]),
  ])();
  if (r.chance(0.9)) fields.push(["0", root]);
  if (r.chance(0.4)) fields.push(["1", r.chance(0.5) ? JSON.stringify(text(r, 60)) : text(r)]);
  for (let i = r.int(4); i > 0; i--)
    fields.push([`_${r.pick([1, 2])}_${r.pick(["token", "redirectTo", "subscription", "field:company", text(r, 8)])}`, text(r)]);
  if (r.chance(0.2)) fields.push([r.pick(["$ACTION_ID_", "$ACTION_REF_1", "$ACTION_1:0", "$ACTION_1:1", "$ACTION_KEY"]), text(r)]);
  return fields;
}

const PAGES = [
  "/",
  "/landing",
  "/landing?token=abc",
  "/sign-in",
  "/account",
  "/account/00000000-0000-4000-8000-000000000000",
  "/welcome",
  "/admin",
  "/admin/subscriptions",
  "/simulator",
];

export interface FuzzOptions {
  /** Server action IDs of the build (e2e/authz/inventory.ts `builtActions`), so that some calls reach real actions. */
  actionIds: string[];
  /** The server's origin, for Origin headers that match it. */
  origin: string;
}

/** The next case; `address` spreads the cases over client addresses (X-Forwarded-For, one trusted hop). */
export function nextCase(r: Random, opts: FuzzOptions): FuzzCase {
  const address = `198.18.${r.int(256)}.${1 + r.int(254)}`;
  const base: Record<string, string> = { "x-forwarded-for": address };
  const withBody = (target: string, method: string, path: string, headers: Record<string, string> = {}): FuzzCase => ({
    target,
    method,
    path,
    headers: {
      ...base,
      "content-type": r.pick(["application/json", "text/plain", "application/octet-stream", headerText(r, 20)]),
      ...headers,
    },
    body: body(r),
  });

  switch (r.int(12)) {
    case 0:
    case 1: {
      const auth = r.pick([
        "",
        "Bearer ",
        `Bearer ${headerText(r, 60)}`,
        `Bearer ${hex(r, 20)}.${hex(r, 40)}.${hex(r, 20)}`,
        headerText(r, 20),
        "Basic Zm9vOmJhcg==",
      ]);
      return withBody(
        "webhook",
        "POST",
        r.pick(["/api/webhook", "/api/webhook?x=1", "/api/webhook?%ZZ"]),
        auth ? { authorization: auth } : {},
      );
    }
    case 2:
      return {
        target: "landing",
        method: "GET",
        path: `/landing?token=${r.chance(0.5) ? enc(text(r, 300)) : text(r, 100)}`,
        headers: base,
      };
    case 3: {
      const path = r.pick([
        `/sign-in?callbackUrl=${enc(text(r, 80))}`,
        `/sign-in?error=${enc(text(r))}`,
        `/api/auth/callback/microsoft-entra-id?code=${enc(text(r))}&state=${enc(text(r))}`,
        `/api/auth/callback/microsoft-entra-id?error=${enc(text(r))}`,
        "/api/auth/csrf",
        "/api/auth/session",
        `/api/auth/${enc(text(r, 20))}`,
      ]);
      return { target: "sign-in", method: "GET", path, headers: base };
    }
    case 4: {
      const form = new URLSearchParams({ csrfToken: text(r), callbackUrl: text(r, 60) }).toString();
      return {
        target: "sign-in",
        method: "POST",
        path: r.pick(["/api/auth/signin/microsoft-entra-id", "/api/auth/signout", `/api/auth/${enc(text(r, 12))}`]),
        headers: { ...base, "content-type": r.pick(["application/x-www-form-urlencoded", "application/json", "text/plain"]) },
        body: r.chance(0.7) ? form : body(r),
      };
    }
    case 5:
    case 6:
    case 7: {
      // A server action: a real ID or not, an Origin that matches or not, a body in React's encoding or not.
      const id = r.pick([
        ...opts.actionIds,
        ...opts.actionIds,
        hex(r, 42),
        hex(r, 40),
        headerText(r, 50),
        "",
        `${opts.actionIds[0] ?? ""}x`,
      ]);
      const headers: Record<string, string> = { ...base, accept: "text/x-component" };
      if (r.chance(0.85)) headers["next-action"] = id;
      if (r.chance(0.6)) headers.origin = r.pick([opts.origin, opts.origin, "http://evil.example", "null", headerText(r, 10)]);
      const path = r.pick(PAGES);
      if (r.chance(0.6)) {
        const mp = multipart(r, actionArguments(r));
        return { target: "server action", method: "POST", path, headers: { ...headers, "content-type": mp.contentType }, body: mp.body };
      }
      return {
        target: "server action",
        method: "POST",
        path,
        headers: {
          ...headers,
          "content-type": r.pick(["text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded"]),
        },
        body: body(r),
      };
    }
    case 8: {
      const path = r.pick([
        "/api/v1/subscriptions",
        `/api/v1/subscriptions?limit=${enc(text(r, 5))}&cursor=${enc(text(r, 30))}`,
        `/api/v1/subscriptions/${r.chance(0.5) ? guid(r) : enc(text(r, 30))}`,
        `/api/v1/usage?subscriptionId=${enc(text(r, 36))}&from=${enc(text(r, 10))}`,
        "/api/v1/usage",
        "/api/v1/openapi.json",
      ]);
      const headers = { ...base, authorization: r.pick(["", `Bearer ${headerText(r, 40)}`, `Bearer mp_${hex(r, 40)}`, headerText(r, 10)]) };
      return r.chance(0.5)
        ? { target: "api v1", method: "GET", path, headers }
        : withBody("api v1", r.pick(["POST", "PATCH", "PUT", "DELETE"]), path, headers);
    }
    case 9:
    case 10: {
      // The control API, but never the writes that would change what other specs see (reset, a valid config).
      const path = r.pick([
        "/api/simulator/_sim/purchases",
        "/api/simulator/_sim/faults",
        "/api/simulator/_sim/config",
        `/api/simulator/_sim/subscriptions/${r.chance(0.5) ? guid(r) : enc(text(r, 20))}/${r.pick(["suspend", "reinstate", "unsubscribe", "renew", text(r, 8)])}`,
        `/api/simulator/_sim/webhook-deliveries?limit=${enc(text(r, 4))}`,
        `/api/simulator/saas/subscriptions/${enc(text(r, 20))}?api-version=2018-08-31`,
        `/api/simulator/${guid(r)}/oauth2/v2.0/token`,
      ]);
      const method = r.pick(["GET", "POST", "PUT", "PATCH", "DELETE"]);
      const fuzzed = withBody("control API", method, path, {
        "content-type": r.pick(["application/json", "application/json", "application/x-www-form-urlencoded", "text/plain"]),
      });
      // Valid-looking control writes are never sent: a random object could still pass a schema, e.g. `{}` for PUT /config.
      if (typeof fuzzed.body === "string" && /^\s*(\{\s*\}|\{"rules":\[\]\})\s*$/.test(fuzzed.body)) fuzzed.body = "{";
      if (method === "GET") delete fuzzed.body;
      return fuzzed;
    }
    case 11:
      if (r.chance(0.3)) {
        // The public logo route (a SHA-256 or not) and the dashboard's live stream (staff only).
        const path = r.chance(0.5)
          ? `/brand/logo/${r.pick([hex(r, 64), hex(r, 63), enc(text(r, 64)), `${hex(r, 64)}.png`, ""])}`
          : `/admin/live${r.pick(["", "?once", `?${enc(text(r, 30))}`, `?once&topics=${enc(text(r, 40))}`])}`;
        return { target: "pages", method: r.pick(["GET", "GET", "HEAD", "POST"]), path, headers: base };
      }
      if (r.chance(0.5)) {
        // Raw, possibly malformed percent escapes in a dynamic segment.
        const prefix = r.pick([
          "/admin/subscriptions/",
          "/api/v1/subscriptions/",
          "/api/simulator/_sim/subscriptions/",
          "/admin/outbound/",
          "/account/",
          "/brand/logo/",
        ]);
        return {
          target: "pages",
          method: r.pick(["GET", "POST"]),
          path: `${prefix}${r.pick(["%ZZ", "%E0%A4%A", "%", ""])}${text(r, 10).replace(/[#?]/g, "")}`,
          headers: base,
        };
      }
    // falls through
    default:
      return {
        target: "pages",
        method: r.pick(["GET", "POST", "HEAD"]),
        path: `/${enc(text(r, 20))}${r.chance(0.5) ? `?${text(r, 20)}` : ""}`,
        headers: base,
      };
  }
}
