import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { serverPort, smtpPort, workerServerPort } from "./e2e/servers";

// The production build, in simulator mode, on fresh embedded databases, on loopback only: one
// server per worker (e2e/servers.ts). Journeys wait on the simulator's operation delay, polling
// and page loads far more than they compute, so two workers on two cores take about half the time.
const workers = Number(process.env.E2E_WORKERS ?? 2);
// The browser uses "localhost" (Next.js spells loopback URLs that way; sign-in cookies follow the
// host name), while the servers themselves listen on 127.0.0.1 only. Workers re-evaluate this
// file: each one's baseURL is its own server.
const urlOf = (port: number) => `http://localhost:${port}`;
const runDir = process.env.E2E_RUN_DIR ?? mkdtempSync(path.join(tmpdir(), "portal-e2e-"));
process.env.E2E_RUN_DIR = runDir; // keep one folder per run
// The setup project's signed-in cookies, one file per account (e2e/sign-in.setup.ts), beside the databases.
process.env.E2E_STATE_DIR ??= path.join(runDir, "signed-in");
// One session secret for every server, so that the cookies the setup project saved on one server
// are good on all of them (sessions are JWTs; roles come from the sign-in token, not the database).
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers,
  retries: 0,
  // Journeys wait on the simulator and page loads; with the rest of npm test on two cores, some take most of a minute.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: urlOf(workerServerPort()),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "api", testMatch: /.*\.api\.spec\.ts/ },
    // Signs each account in once through the account picker; journeys that are not about signing in
    // start from its cookies (restoreSignIn in e2e/fixtures.ts).
    {
      name: "sign-in",
      testMatch: /.*\.setup\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] },
      },
    },
    {
      name: "chromium",
      testIgnore: [/.*\.api\.spec\.ts/, /.*\.limits\.spec\.ts/],
      dependencies: ["sign-in"],
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: never a downloaded browser.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
    // `npm run screenshots` only (SCREENSHOTS=1): regenerates docs/screenshots/, never part of the suite.
    ...(process.env.SCREENSHOTS
      ? [
          {
            name: "screenshots",
            testMatch: /.*\.shots\.ts/,
            dependencies: ["sign-in"],
            use: {
              ...devices["Desktop Chrome"],
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] },
            },
          },
        ]
      : []),
    // Abuse limits count by client address. The journeys each come from an address of their own
    // (e2e/fixtures.ts, through the one trusted proxy hop below); this project spends the limits of
    // 127.0.0.1, which the authorization matrix's own contexts share, so it runs last.
    {
      name: "limits",
      testMatch: /.*\.limits\.spec\.ts/,
      dependencies: ["api", "chromium"],
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] },
      },
    },
  ],
  webServer: Array.from({ length: workers }, (_, i) => {
    const port = serverPort(i);
    return {
      command: `node server.mjs -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe" as const,
      stderr: "pipe" as const,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        PUBLIC_BASE_URL: urlOf(port),
        PGLITE_DIR: path.join(runDir, `pglite-${i}`),
        DATABASE_URL: "",
        AUTH_SECRET: process.env.E2E_AUTH_SECRET!,
        // As behind one reverse proxy: X-Forwarded-For's last entry is the client (e2e/fixtures.ts).
        TRUST_PROXY_HOPS: "1",
        // /api/metrics answers 401 without it (the authorization matrix); request lines stay out of the run's output.
        METRICS_TOKEN: "e2e-metrics-token-0123456789",
        LOG_LEVEL: "warn",
        // Nothing listens there unless a spec starts its own SMTP server on it (e2e/notifications.spec.ts).
        SMTP_URL: `smtp://127.0.0.1:${smtpPort(i)}`,
        MAIL_FROM: "Contoso billing <billing@isv.example>",
      },
    };
  }),
});
