import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPossibleServerAction, refuseServerActionBody, refuseServerActionHead, type ServerActions } from "./server-action-guard.mjs";

const ACTION = "7fbe94b027d22efba6959025e19b802cbf4115b0f0";
const CLOSURE = "4017810c3906e192dd50fabaf28cec10f869a4b947";
const rawKey = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString("base64");
const known: ServerActions = {
  actions: new Map([
    [ACTION, { closure: false }],
    [CLOSURE, { closure: true }],
  ]),
  encryptionKey: rawKey,
};

/** Bound values sealed as Next.js seals them (next/dist/server/app-render/encryption.js). */
async function seal(actionId: string, payload: string, keyBase64 = rawKey): Promise<string> {
  const key = await webcrypto.subtle.importKey("raw", Buffer.from(keyBase64, "base64"), "AES-GCM", false, ["encrypt"]);
  const iv = webcrypto.getRandomValues(new Uint8Array(16));
  const sealed = await webcrypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(actionId + payload));
  return Buffer.concat([iv, new Uint8Array(sealed)]).toString("base64");
}

const head = (headers: Record<string, string>, url = "/landing") => ({ method: "POST", url, headers: { host: "portal.test", ...headers } });
const multipart = (fields: Array<[string, string]>) => {
  const body =
    fields.map(([k, v]) => `------guard7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
    "------guard7MA4YWxkTrZu0gW--\r\n";
  return { type: "multipart/form-data; boundary=----guard7MA4YWxkTrZu0gW", body: Buffer.from(body) };
};
async function check(headers: Record<string, string>, body: Buffer | string) {
  const h = head(headers);
  return refuseServerActionHead(h, known) ?? (await refuseServerActionBody(h, Buffer.from(body), known));
}

describe("server action guard", () => {
  it("looks at POSTs to pages with an action header or a multipart body, not at routes under /api", () => {
    expect(isPossibleServerAction(head({ "next-action": ACTION }))).toBe(true);
    expect(isPossibleServerAction(head({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isPossibleServerAction(head({ "content-type": "text/plain" }))).toBe(false);
    expect(isPossibleServerAction(head({ "next-action": ACTION }, "/api/webhook"))).toBe(false);
    expect(isPossibleServerAction({ method: "GET", url: "/", headers: { "next-action": ACTION } })).toBe(false);
  });

  it("passes what Next.js's client sends: a form, with or without a previous state, as text or multipart", async () => {
    const form = multipart([
      ["0", JSON.stringify([{ ok: false, error: "$$5 off", values: { a: "b" }, at: "$D2026-01-01T00:00:00.000Z" }, "$K1"])],
      ["_1_token", "abc"],
    ]);
    expect(await check({ "next-action": ACTION, "content-type": form.type, origin: "http://portal.test" }, form.body)).toBeNull();
    expect(
      await check({ "next-action": ACTION, "content-type": "text/plain;charset=UTF-8" }, JSON.stringify([null, "$undefined"])),
    ).toBeNull();
    // An object written twice is a path back into the root.
    expect(await check({ "next-action": ACTION }, JSON.stringify([{ a: { b: 1 } }, "$0:0:a"]))).toBeNull();
  });

  it("passes a closure whose bound values decrypt for it, inline or as a promise part, and a form posted without JavaScript", async () => {
    const sealed = await seal(CLOSURE, "[]");
    const inline = multipart([["0", JSON.stringify([sealed, "$K2"])]]);
    expect(await check({ "next-action": CLOSURE, "content-type": inline.type }, inline.body)).toBeNull();
    const promised = multipart([
      ["0", JSON.stringify(["$@1", "$K2"])],
      ["1", JSON.stringify(sealed)],
    ]);
    expect(await check({ "next-action": CLOSURE, "content-type": promised.type }, promised.body)).toBeNull();
    const mpa = multipart([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", JSON.stringify({ id: CLOSURE, bound: "$@1" })],
      ["$ACTION_1:1", JSON.stringify([sealed])],
    ]);
    expect(await check({ "content-type": mpa.type }, mpa.body)).toBeNull();
  });

  it.each([
    ["an unknown action ID", { "next-action": "7f".padEnd(42, "0") }, "[]", 404],
    ["an action ID of the wrong length", { "next-action": "abc" }, "[]", 404],
    ["another site's Origin", { "next-action": ACTION, origin: "https://evil.example" }, "[]", 403],
    ["an Origin that is not a URL", { "next-action": ACTION, origin: "::" }, "[]", 403],
    ["a form posted from another site", { "content-type": "multipart/form-data; boundary=x", origin: "https://evil.example" }, "", 403],
    ["a form posted with an Origin that is not a URL", { "content-type": "multipart/form-data; boundary=x", origin: "98." }, "", 403],
    ["a declared body over 1 MB", { "next-action": ACTION, "content-length": String(2 * 1024 * 1024) }, "[]", 413],
    ["a body that is not JSON", { "next-action": ACTION }, "hello", 400],
    ["an empty body", { "next-action": ACTION }, "", 400],
    ["arguments that are not a list", { "next-action": ACTION }, '{"a":1}', 400],
    ["a reference to a missing part", { "next-action": ACTION }, '["$Q5"]', 400],
    ["a promise of a missing part", { "next-action": ACTION }, '["$@1"]', 400],
    ["a path that does not resolve", { "next-action": ACTION }, '["$0:9:x"]', 400],
    ["a server reference", { "next-action": ACTION }, '["$h1"]', 400],
    ["nesting beyond 64 levels", { "next-action": ACTION }, `[${"[".repeat(70)}${"]".repeat(70)}]`, 400],
    ["a closure called with junk for its bound values", { "next-action": CLOSURE }, '["abc"]', 400],
    ["a closure called without its bound values", { "next-action": CLOSURE }, "[]", 400],
  ])("answers %s with %s", async (_name, headers, body, status) => {
    expect((await check(headers, body))?.status).toBe(status);
  });

  it("refuses a closure's bound values sealed for another action or with another key", async () => {
    expect((await check({ "next-action": CLOSURE }, JSON.stringify([await seal(ACTION, "[]")])))?.status).toBe(400);
    const otherKey = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString("base64");
    expect((await check({ "next-action": CLOSURE }, JSON.stringify([await seal(CLOSURE, "[]", otherKey)])))?.status).toBe(400);
  });

  it.each([
    ["malformed", { type: "multipart/form-data; boundary=----guard7MA4YWxkTrZu0gW", body: Buffer.from("garbage") }],
    ["without a boundary", { type: "multipart/form-data", body: multipart([["a", "b"]]).body }],
  ])("answers 400 to a multipart body %s, with or without an action header", async (_name, form) => {
    expect((await check({ "content-type": form.type }, form.body))?.status).toBe(400);
    expect((await check({ "content-type": form.type, "next-action": ACTION }, form.body))?.status).toBe(400);
  });

  it("answers 400 to a form posted without JavaScript that names a closure but brings no bound values that decrypt", async () => {
    const byId = multipart([[`$ACTION_ID_${CLOSURE}`, ""]]);
    expect((await check({ "content-type": byId.type }, byId.body))?.status).toBe(400);
    const junk = multipart([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", JSON.stringify({ id: CLOSURE, bound: "$@1" })],
      ["$ACTION_1:1", '["junk"]'],
    ]);
    expect((await check({ "content-type": junk.type }, junk.body))?.status).toBe(400);
  });
});
