import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { findPostgresBinDir, startTestPostgres, type TestPostgres } from "../test/postgres-server";
import { buyers, expect, signInAs, test } from "./fixtures";
import { workerServerPort } from "./servers";

// Scale-out with process roles on one PostgreSQL: a web-only instance (pages, routes, the webhook;
// no background loops) and a worker-only instance (the loops; health and metrics only), both the
// production server (`node server.mjs` on the build) exactly as a deployment starts them.
const base = workerServerPort();
const webPort = base + 1;
const workerPort = base + 2;
const webURL = `http://localhost:${webPort}`;

const binDir = findPostgresBinDir();
test.skip(!binDir, "PostgreSQL server binaries are not installed");
test.use({ baseURL: webURL });

let postgres: TestPostgres | undefined;
let db: pg.Client | undefined;
const instances: ChildProcess[] = [];

/** Starts `node server.mjs` in a role and resolves once it answers /api/health; its output is kept for a failure message. */
async function startInstance(role: "web" | "worker", port: number): Promise<void> {
  const output: string[] = [];
  const child = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORTAL_ROLE: role,
      DATABASE_URL: postgres!.url,
      PGLITE_DIR: "",
      // Every instance names the same public origin: the simulator, Microsoft's side, is reached there.
      PUBLIC_BASE_URL: webURL,
      TRUST_PROXY_HOPS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  instances.push(child);
  child.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${role} instance exited (${child.exitCode}):\n${output.join("")}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (Date.now() > deadline) throw new Error(`${role} instance did not answer /api/health:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const inboxStates = async (subscriptionId: string) =>
  (
    await db!.query<{ action: string; state: string }>("select action, state from webhook_inbox where subscription_id = $1", [
      subscriptionId,
    ])
  ).rows;
const localStatus = async (subscriptionId: string) =>
  (await db!.query<{ status: string }>("select status from subscriptions where id = $1", [subscriptionId])).rows[0]?.status;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startTestPostgres(binDir!);
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  // The web instance migrates the empty database before the worker starts on it.
  await startInstance("web", webPort);
});

test.afterAll(async () => {
  await Promise.all(
    instances.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  await db?.end();
  postgres?.stop();
});

test("a purchase activated through the web instance; its webhook is stored there and applied by the worker", async ({
  page,
  simulator,
}) => {
  const p = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 5, purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await page.getByLabel("Team name").fill("Platform");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  expect(await localStatus(p.subscriptionId)).toBe("Subscribed");

  // The customer cancels in Azure: Microsoft's webhook call reaches the web instance, which stores it…
  await simulator.action(p.subscriptionId, "unsubscribe");
  await expect.poll(() => inboxStates(p.subscriptionId)).toEqual([{ action: "Unsubscribe", state: "received" }]);
  // …and, running no loops, leaves it for a worker.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(await inboxStates(p.subscriptionId)).toEqual([{ action: "Unsubscribe", state: "received" }]);
  expect(await localStatus(p.subscriptionId)).toBe("Subscribed");

  await startInstance("worker", workerPort);
  await expect.poll(() => inboxStates(p.subscriptionId), { timeout: 15_000 }).toEqual([{ action: "Unsubscribe", state: "processed" }]);
  expect(await localStatus(p.subscriptionId)).toBe("Unsubscribed");

  // The worker serves health (and metrics) only.
  const worker = `http://127.0.0.1:${workerPort}`;
  expect((await fetch(`${worker}/api/health`)).status).toBe(200);
  expect((await fetch(`${worker}/`)).status).toBe(404);
  expect((await fetch(`${worker}/api/webhook`, { method: "POST", body: "{}" })).status).toBe(404);
});
