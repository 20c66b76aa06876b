// Checks a server-action request before Next.js decodes it, so that a malformed one is answered 4xx by
// the portal instead of 500 by the framework. Next.js (16) answers 500 when React cannot decode the
// arguments (a body that is not React's reply encoding, a reference to a missing part), when the
// Origin does not match the host, when a multipart body cannot be parsed and when the body passes the
// size limit; and a closure action whose encrypted bound arguments do not decrypt throws inside the
// action. Plain JavaScript: the production server (server.mjs) runs it on every request.
//
// What a request must look like, from Next.js's client and React's reply encoding (`encodeReply` in
// next/dist/compiled/react-server-dom-*/cjs/*-client.*.js; `handleAction` in
// next/dist/server/app-render/action-handler.js):
// - a fetch action: POST with `Next-Action: <id>`, the arguments as a JSON array, either the whole body
//   (text) or field `0` of a multipart body whose other fields are outlined parts (`1`, `2`, …) and
//   the entries of FormData arguments (`_<n>_<name>`);
// - a form posted without JavaScript: multipart with `$ACTION_ID_<id>` or `$ACTION_REF_<n>` fields,
//   which Next.js itself checks once the body parses.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { IncomingMessage } from "node:http";
import path from "node:path";
import { webcrypto } from "node:crypto";

const busboy = createRequire(import.meta.url)("next/dist/compiled/busboy");

/** Next.js's default `serverActions.bodySizeLimit` (1 MB), which next.config.mjs does not change. */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

/** The header with which Next.js's client router recognises an action the server does not have. */
const NOT_FOUND_HEADER = "x-nextjs-action-not-found";

/**
 * The build's server actions, from `.next/server/server-reference-manifest.json` (the file e2e/authz
 * reads too): each ID, and whether it is a closure whose first argument is its encrypted bound values.
 * @param {string} distDir the build folder, e.g. `<repository>/.next`
 * @returns {{ actions: Map<string, { closure: boolean }>, encryptionKey: string | undefined } | null} null without a build
 */
export function loadServerActions(distDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"));
  } catch {
    return null;
  }
  const actions = new Map();
  for (const entries of [manifest.node ?? {}, manifest.edge ?? {}]) {
    for (const [id, entry] of Object.entries(entries)) {
      actions.set(id, { closure: String(entry?.exportedName ?? "").startsWith("$$RSC_SERVER_ACTION_") });
    }
  }
  return { actions, encryptionKey: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || manifest.encryptionKey };
}

/**
 * @typedef {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} RequestHead
 * @typedef {{ status: number, reason: string, headers?: Record<string, string> }} Refusal
 * @typedef {{ actions: Map<string, { closure: boolean }>, encryptionKey: string | undefined }} ServerActions
 */

const header = (/** @type {RequestHead} */ head, /** @type {string} */ name) => {
  const v = head.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
};

/**
 * Whether Next.js would treat the request as a possible server action: a POST to a page (not a route
 * under /api, not a build file) with a `Next-Action` header or a multipart body.
 * @param {RequestHead} head
 */
export function isPossibleServerAction(head) {
  if (head.method !== "POST") return false;
  const pathname = (head.url ?? "/").split("?")[0] ?? "/";
  if (pathname.startsWith("/api/") || pathname === "/api" || pathname.startsWith("/_next/")) return false;
  return header(head, "next-action") !== undefined || (header(head, "content-type") ?? "").startsWith("multipart/form-data");
}

/**
 * The checks that need no body: the action ID, the Origin, the declared length.
 * @param {RequestHead} head a request for which isPossibleServerAction is true
 * @param {ServerActions} known
 * @returns {Refusal | null}
 */
export function refuseServerActionHead(head, known) {
  const actionId = header(head, "next-action");
  if (actionId !== undefined && !known.actions.has(actionId)) {
    return { status: 404, reason: "Server action not found.", headers: { [NOT_FOUND_HEADER]: "1" } };
  }
  // Next.js checks the Origin of every possible action, a form post without JavaScript too: the
  // Origin's host against X-Forwarded-Host's first entry, else Host.
  const origin = header(head, "origin");
  if (origin !== undefined) {
    let originHost;
    try {
      originHost = origin === "null" ? "null" : new URL(origin).host;
    } catch {
      return { status: 403, reason: "The Origin header is not a URL." };
    }
    const forwarded = header(head, "x-forwarded-host")?.split(",")[0]?.trim();
    if (originHost !== (forwarded || header(head, "host"))) return { status: 403, reason: "Cross-origin server action." };
  }
  const declared = Number(header(head, "content-length"));
  if (Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT) return { status: 413, reason: "Body exceeded the 1 MB limit." };
  return null;
}

const bad = (/** @type {string} */ reason) => ({ status: 400, reason });

/**
 * The checks of the body: it parses (multipart), its arguments are React's reply encoding with every
 * reference resolvable, and a closure's encrypted bound values decrypt for this action. A form posted
 * without JavaScript is checked the same way through its `$ACTION_*` fields.
 * @param {RequestHead} head a request that passed refuseServerActionHead
 * @param {Buffer} body the whole body, at most SERVER_ACTION_BODY_LIMIT bytes
 * @param {ServerActions} known
 * @returns {Promise<Refusal | null>}
 */
export async function refuseServerActionBody(head, body, known) {
  const actionId = header(head, "next-action");
  const contentType = header(head, "content-type") ?? "";
  /** @type {Map<string, string>} the string fields by name */
  const fields = new Map();
  if (contentType.startsWith("multipart/form-data")) {
    // Parsed as Next.js parses it: busboy for a fetch action, the platform's FormData for a form.
    try {
      if (actionId !== undefined) {
        for (const [name, value] of await parseWithBusboy(contentType, body)) fields.set(name, value);
      } else {
        const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
        for (const [name, value] of form.entries()) if (typeof value === "string") fields.set(name, value);
      }
    } catch {
      return bad("The multipart body cannot be parsed.");
    }
  } else {
    fields.set("0", body.toString("utf8"));
  }

  if (actionId !== undefined) {
    const reply = decodeReply(fields, "");
    if ("reason" in reply) return bad(reply.reason);
    if (!Array.isArray(reply.root)) return bad("The arguments are not a list.");
    if (known.actions.get(actionId)?.closure && !(await opensFor(actionId, reply.resolve(reply.root[0]), known.encryptionKey))) {
      return bad("The action's bound values do not decrypt.");
    }
    return null;
  }

  // A form posted without JavaScript: `$ACTION_ID_<id>` (no bound values) or `$ACTION_REF_<n>` with
  // `$ACTION_<n>:0` = {id, bound} as a reply of its own (React's decodeAction).
  for (const name of fields.keys()) {
    if (name.startsWith("$ACTION_ID_")) {
      const id = name.slice("$ACTION_ID_".length);
      if (known.actions.get(id)?.closure) return bad("The action's bound values are missing.");
    } else if (name.startsWith("$ACTION_REF_")) {
      const meta = decodeReply(fields, `$ACTION_${name.slice("$ACTION_REF_".length)}:`);
      if ("reason" in meta) return bad(meta.reason);
      const { id, bound } = /** @type {{ id?: unknown, bound?: unknown }} */ (meta.root ?? {});
      if (typeof id !== "string" || !known.actions.has(id)) return null; // Next.js answers an unknown action itself
      const values = bound === null || bound === undefined ? [] : meta.resolve(bound);
      if (!Array.isArray(values)) return bad("The action's bound values are not a list.");
      if (known.actions.get(id)?.closure && !(await opensFor(id, meta.resolve(values[0]), known.encryptionKey))) {
        return bad("The action's bound values do not decrypt.");
      }
    }
  }
  return null;
}

/**
 * Parses a reply (React's `decodeReply`: part `0` is the root, other parts `<prefix><n>`) and checks
 * that every reference in it can be resolved: `{ root, resolve }` (resolve turns a promise reference
 * into its part's value), or `{ reason }`.
 * @param {Map<string, string>} fields
 * @param {string} prefix
 * @returns {{ reason: string } | { root: unknown, resolve: (value: unknown) => unknown }}
 */
function decodeReply(fields, prefix) {
  /** @type {Map<string, { value: unknown } | null>} */
  const parts = new Map();
  const visiting = new Set();

  /** The part's parsed value when it exists and checks, else null. */
  const part = (/** @type {string} */ id) => {
    const cached = parts.get(id);
    if (cached !== undefined) return cached;
    const text = fields.get(prefix + id);
    if (text === undefined || visiting.has(id)) return null;
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
    visiting.add(id);
    const ok = checkModel(value) === null;
    visiting.delete(id);
    parts.set(id, ok ? { value } : null);
    return ok ? { value } : null;
  };
  /** Why a value is not one the decoder can resolve, or null. Walks with its own stack. */
  const checkModel = (/** @type {unknown} */ root) => {
    const pending = [[root, 1]];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const [value, depth] = /** @type {[unknown, number]} */ (next);
      if (typeof value === "string") {
        const reason = checkReference(value);
        if (reason) return reason;
      } else if (value !== null && typeof value === "object") {
        if (depth > 64) return "The arguments are nested too deeply.";
        for (const item of Object.values(value)) pending.push([item, depth + 1]);
      }
    }
    return null;
  };
  /** React marks references with a leading `$`; only those the portal's pages send, and that resolve, pass. */
  const checkReference = (/** @type {string} */ s) => {
    if (s[0] !== "$") return null;
    if (/^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|T$|D)/.test(s)) return null;
    if (/^\$n-?\d{1,300}$/.test(s)) return null;
    if (/^\$K[0-9a-f]+$/.test(s)) return null; // FormData: its entries are `_<n>_<name>`, possibly none
    let m = /^\$@([0-9a-f]{1,8})$/.exec(s); // a promise: its value is part <n>
    if (m) return part(String(parseInt(m[1], 16))) ? null : `Part ${m[1]} is missing or invalid.`;
    m = /^\$([0-9a-f]{1,8})((?::[^:]*)*)$/.exec(s); // an object written before: part and path
    if (m) {
      const id = String(parseInt(m[1], 16));
      const target = visiting.has(id) ? { value: JSON.parse(/** @type {string} */ (fields.get(prefix + id))) } : part(id);
      if (!target) return `Part ${m[1]} is missing or invalid.`;
      let at = target.value;
      for (const key of m[2].split(":").slice(1)) {
        if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return `Reference ${s} does not resolve.`;
        at = /** @type {Record<string, unknown>} */ (at)[key];
      }
      return null;
    }
    return `Unsupported reference ${s.slice(0, 16)}.`;
  };

  const root = part("0");
  if (!root) {
    if (!fields.has(prefix + "0")) return { reason: "The arguments (field 0) are missing." };
    try {
      JSON.parse(/** @type {string} */ (fields.get(prefix + "0")));
    } catch {
      return { reason: "The arguments are not JSON." };
    }
    visiting.add("0");
    return { reason: checkModel(JSON.parse(/** @type {string} */ (fields.get(prefix + "0")))) ?? "The arguments are invalid." };
  }
  const resolve = (/** @type {unknown} */ value) => {
    const m = typeof value === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(value) : null;
    return m ? parts.get(String(parseInt(m[1], 16)))?.value : value;
  };
  return { root: root.value, resolve };
}

/**
 * The string fields of a multipart body, read by the busboy Next.js ships and uses for fetch actions.
 * @param {string} contentType
 * @param {Buffer} body
 * @returns {Promise<Array<[string, string]>>}
 */
function parseWithBusboy(contentType, body) {
  return new Promise((resolve, reject) => {
    const parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { fieldSize: SERVER_ACTION_BODY_LIMIT },
    });
    /** @type {Array<[string, string]>} */
    const fields = [];
    parser.on("field", (/** @type {string} */ name, /** @type {string} */ value) => fields.push([name, value]));
    parser.on("file", (/** @type {string} */ _name, /** @type {import("node:stream").Readable} */ stream) => stream.resume());
    parser.on("error", reject);
    parser.on("close", () => resolve(fields));
    parser.end(body);
  });
}

/** @type {Map<string, Promise<CryptoKey>>} */
const keys = new Map();

/** Whether `sealed` is bound values Next.js encrypted for `actionId` with the build's key. */
async function opensFor(/** @type {string} */ actionId, /** @type {unknown} */ sealed, /** @type {string | undefined} */ rawKey) {
  if (typeof sealed !== "string") return false;
  if (!rawKey) return true; // no key to check with: Next.js decides
  try {
    let key = keys.get(rawKey);
    if (!key) {
      key = webcrypto.subtle.importKey("raw", Buffer.from(rawKey, "base64"), "AES-GCM", false, ["decrypt"]);
      keys.set(rawKey, key);
    }
    const bytes = Buffer.from(sealed, "base64");
    if (bytes.length < 17) return false;
    const plain = await webcrypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.subarray(0, 16) }, await key, bytes.subarray(16));
    return new TextDecoder().decode(plain).startsWith(actionId);
  } catch {
    return false;
  }
}

/**
 * Reads a body of at most `max` bytes; null once it grows past that (the rest is drained, not kept).
 * @param {import("node:http").IncomingMessage} req
 * @param {number} max
 * @returns {Promise<Buffer | null>}
 */
export function readBoundedBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    let over = false;
    req.on("data", (chunk) => {
      if (over) return;
      total += chunk.byteLength;
      if (total > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete && !over) reject(new Error("the connection closed before the body was complete"));
    });
  });
}

/**
 * The request again, with the body already read: what Next.js is handed once the checks have passed.
 * @param {import("node:http").IncomingMessage} req
 * @param {Buffer} body
 */
export function replayRequest(req, body) {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.trailers = req.trailers;
  copy.rawTrailers = req.rawTrailers;
  if (body.byteLength > 0) copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}
