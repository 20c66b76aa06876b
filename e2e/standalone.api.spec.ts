import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { callAction, type StorageState } from "./authz/http";
import { builtActions } from "./authz/inventory";
import { buyers } from "./fixtures";

/**
 * The container image without a container engine: the build's standalone output copied into an empty
 * folder exactly as the Dockerfile's final stage copies it, the bundled migrations run, then the
 * image's command (`node server.mjs`) started from that folder as an unprivileged user with a bare
 * environment. Nothing of the repository (sources, dev dependencies) is reachable from there, so a
 * file the image lacks fails here. Differences from the image, both forced by this machine: the
 * server listens on 127.0.0.1 only, and on a free port.
 */

const root = process.cwd();
const standalone = path.join(root, ".next/standalone");
const NOBODY = 65534;
const AUTH_SECRET = "standalone-test-secret-0123456789abcdefghij";

let dir: string;
let server: ChildProcess | undefined;
let baseURL: string;
let output = "";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });

/** As root, run as nobody (setpriv drops every group and capability); otherwise as the current, already unprivileged user. */
const asImageUser = (args: string[]): [string, string[]] =>
  process.getuid?.() === 0
    ? ["setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--inh-caps=-all", "--", ...args]]
    : [args[0]!, args.slice(1)];

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  expect(existsSync(path.join(standalone, "server.mjs")), "run `npx next build` first: its standalone output holds server.mjs").toBe(true);
  dir = mkdtempSync(path.join(tmpdir(), "portal-image-"));
  chmodSync(dir, 0o755);
  const app = path.join(dir, "app");
  // Dockerfile, final stage: COPY .next/standalone ./ and COPY .next/static ./.next/static (the build
  // stage has written db/migrate.mjs into the standalone folder).
  cpSync(standalone, app, { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(root, ".next/static"), path.join(app, ".next/static"), { recursive: true });
  const bundled = spawnSync(process.execPath, ["scripts/build-migrate.mjs", path.join(app, "db/migrate.mjs")], {
    cwd: root,
    encoding: "utf8",
  });
  expect(bundled.status, bundled.stderr).toBe(0);
  expect(readdirSync(app).sort()).toEqual([".next", "db", "lib", "node_modules", "package.json", "packages", "server.js", "server.mjs"]);
  const data = path.join(dir, "data");
  mkdirSync(data);
  if (process.getuid?.() === 0) chownSync(data, NOBODY, NOBODY);

  const port = await freePort();
  baseURL = `http://localhost:${port}`;
  // The image's environment and nothing of this process's own.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    PGLITE_DIR: path.join(data, "pglite"),
    PUBLIC_BASE_URL: baseURL,
    AUTH_SECRET,
  };

  const [cmd, args] = asImageUser([process.execPath, "db/migrate.mjs"]);
  const migrated = spawnSync(cmd, args, { cwd: app, env, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);
  expect(migrated.stdout).toMatch(/^migrate: portal on PGlite .*: applied 0000_foundation/m);

  const [serverCmd, serverArgs] = asImageUser([process.execPath, "server.mjs", "-H", "127.0.0.1"]);
  server = spawn(serverCmd, serverArgs, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  for (let i = 0; ; i++) {
    const live = await fetch(`${baseURL}/api/health/live`).catch(() => null);
    if (live?.ok) break;
    expect(server.exitCode, `the server exited:\n${output}`).toBeNull();
    expect(i, `no answer from ${baseURL}/api/health/live:\n${output}`).toBeLessThan(600);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the image answers its health checks: live, ready (migrations at head), and the full report", async ({ request }) => {
  expect((await request.get(`${baseURL}/api/health/live`)).status()).toBe(200);
  const ready = await request.get(`${baseURL}/api/health/ready`);
  expect(ready.status(), await ready.text()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, checks: { migrations: { ok: true } } });
  expect(await (await request.get(`${baseURL}/api/health`)).json()).toMatchObject({
    status: "ok",
    database: "pglite",
    marketplace: "simulator",
  });
  const page = await request.get(`${baseURL}/`);
  expect(page.status()).toBe(200);
  const css = /\/_next\/static\/[^"]+\.css/.exec(await page.text())?.[0];
  expect(css, "the home page links its stylesheet").toBeTruthy();
  expect((await request.get(`${baseURL}${css}`)).status(), "static files are in the image").toBe(200);
});

test("a purchase is resolved, confirmed and activated, then Microsoft's webhook is accepted", async ({ request }) => {
  const sim = `${baseURL}/api/simulator/_sim`;
  const bought = await request.post(`${sim}/purchases`, {
    data: { offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex },
  });
  expect(bought.status(), await bought.text()).toBe(201);
  const { subscriptionId, token } = (await bought.json()) as { subscriptionId: string; token: string };

  // A signed-in buyer: the session cookie is minted with the instance's own secret.
  const cookieName = "authjs.session-token";
  const session = await encode({
    salt: cookieName,
    secret: AUTH_SECRET,
    token: { sub: "0b1c5e9e-0000-4000-8000-00000000a1e1", email: buyers.alex.email, name: "Alex Wilber", tid: buyers.alex.tenantId },
  });
  const state: StorageState = {
    cookies: [
      { name: cookieName, value: session, domain: "localhost", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" },
    ],
    origins: [],
  };
  const landing = `/landing?token=${encodeURIComponent(token)}`;

  // Resolve: the landing page asks Microsoft (the simulator, with an msal token) which purchase this is.
  const page = await request.get(`${baseURL}${landing}`, { headers: { cookie: `${cookieName}=${session}` } });
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain("Set up Contoso Analytics");
  expect(html).toContain(subscriptionId);

  // Activate: the Confirm button's server action, called as the page's form calls it.
  const confirm = builtActions(path.join(dir, "app")).find((a) => a.key === "app/(marketing)/landing/actions.ts#confirmPurchaseAction");
  expect(confirm, "the landing page's action is in the image's build").toBeTruthy();
  const answer = await callAction(baseURL, state, {
    id: confirm!.id,
    page: landing,
    form: {
      token,
      "field:company": "Contoso Ltd",
      "field:contactEmail": "it@contoso.example",
      "field:expectedUsers": "40",
      "field:region": "Europe",
    },
    bound: [],
    withState: true,
  });
  expect(answer.status).toBe(200);
  const sub = await (await request.get(`${sim}/subscriptions/${subscriptionId}`)).json();
  expect(sub, answer.body.slice(-800)).toMatchObject({ saasSubscriptionStatus: "Subscribed", apiCalls: { activate: 1 } });

  // Microsoft's webhook: the customer suspends, the simulator calls /api/webhook with a signed token.
  const suspended = await request.post(`${sim}/subscriptions/${subscriptionId}/suspend`, { data: {} });
  expect(suspended.ok(), await suspended.text()).toBe(true);
  await expect
    .poll(
      async () => {
        const { deliveries } = await (await request.get(`${sim}/webhook-deliveries?subscriptionId=${subscriptionId}`)).json();
        return deliveries.map((d: { action: string; state: string; lastStatusCode: number | null }) => [
          d.action,
          d.state,
          d.lastStatusCode,
        ]);
      },
      { timeout: 20_000 },
    )
    .toContainEqual(["Suspend", "delivered", 200]);
  expect(output, "nothing failed on the server's side").not.toMatch(/\b(Error|failed)\b/);
});
