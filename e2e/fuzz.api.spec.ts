import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { builtActions } from "./authz/inventory";
import { createRandom, nextCase, type FuzzCase } from "./fuzz/cases";
import { runCases, statusSummary } from "./fuzz/send";

/**
 * Bad input never costs a 5xx: a few thousand hostile requests, made from a seed, at the webhook, the
 * landing page, sign-in, server actions, `/api/v1` and the simulator's control API of the production
 * build. Every answer must be below 500 (429 from the abuse limits is fine), and the process must be
 * healthy afterwards. A failure prints its seed: `FUZZ_SEED=<seed> npx playwright test e2e/fuzz.api.spec.ts`
 * sends the same requests again. Bounded in time: it stops at FUZZ_CASES cases or FUZZ_SECONDS seconds.
 */
const seed = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const maxCases = Number(process.env.FUZZ_CASES) || 3_000;
const budgetMs = (Number(process.env.FUZZ_SECONDS) || 25) * 1000;
const CONCURRENCY = 8;

const WARM_UP: Array<{ path: string; method?: string; headers?: Record<string, string>; body?: string }> = [
  { path: "/api/simulator/_sim/offers" },
  { path: "/landing?token=warm-up" },
  { path: "/sign-in" },
  { path: "/api/auth/csrf" },
  { path: "/api/v1/openapi.json" },
  { path: "/api/v1/subscriptions" },
  { path: "/account" },
  { path: "/admin" },
  { path: "/api/webhook", method: "POST", body: "{}" },
  { path: "/not-a-page" },
];

/** The resident memory of the server listening on `port`, from /proc (Linux), or null. */
function serverRssMb(port: string): number | null {
  try {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      let cmdline = "";
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      } catch {
        continue;
      }
      // The node process itself, not the shell that started it.
      if (!/(^|\/)node /.test(cmdline) || !cmdline.includes("server.mjs") || !cmdline.includes(`-p ${port}`)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return rss ? Math.round(Number(rss[1]) / 1024) : null;
    }
  } catch {
    // not Linux
  }
  return null;
}

test("hostile requests at every public boundary are answered below 500, and the server stays healthy", async ({ baseURL }) => {
  test.setTimeout(budgetMs + 240_000);
  const origin = new URL(baseURL!).origin;
  const port = new URL(baseURL!).port;
  console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} repeats this run)`);
  test.info().annotations.push({ type: "fuzz seed", description: String(seed) });

  // Each kind of request once, unhurried: the first call of a route loads its code (the simulator's
  // first also prepares its database), which on a busy machine takes longer than a fuzzed call may.
  for (const warm of WARM_UP) {
    await fetch(`${origin}${warm.path}`, { ...warm, redirect: "manual", signal: AbortSignal.timeout(90_000) }).then((r) => r.arrayBuffer());
  }

  const random = createRandom(seed);
  const options = { actionIds: builtActions().map((a) => a.id), origin };
  const cases: FuzzCase[] = Array.from({ length: maxCases }, () => nextCase(random, options));
  const rssBefore = serverRssMb(port);

  const started = Date.now();
  const { sent, byStatus, failures } = await runCases({
    origin,
    caseAt: (index) => cases[index],
    concurrency: CONCURRENCY,
    timeoutMs: 30_000,
    more: () => Date.now() - started < budgetMs,
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const statuses = statusSummary(byStatus);
  const rssAfter = serverRssMb(port);
  console.log(`fuzz: ${sent} requests in ${seconds} s (seed ${seed}): ${statuses}; server RSS ${rssBefore ?? "?"} → ${rssAfter ?? "?"} MB`);
  expect(failures, `seed ${seed}: ${failures.length} answers of 5xx or errors; first ones:\n${failures.slice(0, 15).join("\n")}`).toEqual(
    [],
  );
  expect(sent, "too few cases ran in the time budget to mean anything").toBeGreaterThanOrEqual(Math.min(maxCases, 500));

  const health = await fetch(`${origin}/api/health`);
  expect(health.status).toBe(200);
  if (rssAfter !== null) expect(rssAfter, "server RSS after the fuzz run (MB)").toBeLessThan(1024);
});

test("malformed server-action requests are answered 4xx before they reach an action", async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const actions = builtActions();
  const landing = actions.find((a) => a.key.endsWith("#confirmPurchaseAction"))!.id;
  const switchAccount = actions.find((a) => a.key.endsWith("#switchAccountAction"))!.id;
  const closure = actions.find((a) => a.key.startsWith("components/sign-in-button.tsx#"))!.id;
  const form = (fields: Array<[string, string]>) => ({
    "content-type": "multipart/form-data; boundary=----fuzzBoundary7MA4YWxk",
    body:
      fields.map(([k, v]) => `------fuzzBoundary7MA4YWxk\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
      "------fuzzBoundary7MA4YWxk--\r\n",
  });
  const cases: Array<[string, string, Record<string, string>, string, number]> = [
    ["an unknown action ID", "/landing", { "next-action": "7f".padEnd(42, "0") }, "[]", 404],
    ["random text to a real action", "/landing", { "next-action": landing }, "hello", 400],
    ["random JSON to a real action", "/landing", { "next-action": landing }, '{"a":[1,2]}', 400],
    ["a reference to a missing part", "/landing", { "next-action": landing }, '["$Q5"]', 400],
    ["malformed multipart", "/landing", { "next-action": landing, "content-type": "multipart/form-data; boundary=x" }, "garbage", 400],
    ["malformed multipart without an action header", "/landing", { "content-type": "multipart/form-data; boundary=x" }, "garbage", 400],
    ["another site's Origin", "/landing", { "next-action": landing, origin: "https://evil.example" }, "[]", 403],
    ["junk for a closure's bound values", "/sign-in", { "next-action": closure }, '["abc"]', 400],
    // Well-formed, but not what the action takes: the action itself answers, below 500 (0: any such status).
    ["a string where an action takes a form", "/landing", { "next-action": switchAccount }, '["x"]', 0],
  ];
  const malformed = await fetch(`${origin}/admin/subscriptions/%ZZ`, {
    headers: { "x-forwarded-for": "198.18.255.1" },
    redirect: "manual",
  });
  expect(malformed.status, "a malformed percent escape in a dynamic segment").toBe(400);
  for (const [name, path, headers, body, status] of cases) {
    const res = await fetch(`${origin}${path}`, {
      method: "POST",
      headers: { "x-forwarded-for": "198.18.255.1", accept: "text/x-component", ...headers },
      body,
      redirect: "manual",
    });
    if (status === 0) expect(res.status, name).toBeLessThan(500);
    else expect(res.status, name).toBe(status);
  }
  // The portal's own encoding still reaches the action, which answers for itself (no session here).
  const ok = form([
    ["0", JSON.stringify([null, "$K1"])],
    ["_1_token", "abc"],
  ]);
  const res = await fetch(`${origin}/landing`, {
    method: "POST",
    headers: {
      "x-forwarded-for": "198.18.255.2",
      accept: "text/x-component",
      "next-action": landing,
      origin,
      "content-type": ok["content-type"],
    },
    body: ok.body,
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("session");
});
