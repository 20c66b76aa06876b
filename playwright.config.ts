import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The production build, in simulator mode, on a fresh embedded database, on loopback only.
const port = Number(process.env.E2E_PORT ?? 3210);
// The browser uses "localhost" (Next.js spells loopback URLs that way; sign-in cookies follow the
// host name), while the server itself listens on 127.0.0.1 only.
const baseURL = `http://localhost:${port}`;
// The portal's SMTP_URL: nothing listens there unless a spec starts its own SMTP server on it (notifications.spec.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1);
process.env.E2E_SMTP_PORT = String(smtpPort);
const dataDir = process.env.E2E_PGLITE_DIR ?? path.join(mkdtempSync(path.join(tmpdir(), "portal-e2e-")), "pglite");
process.env.E2E_PGLITE_DIR = dataDir; // workers re-evaluate this file: keep one folder per run
// The setup project's signed-in cookies, one file per account (e2e/sign-in.setup.ts), beside the database.
process.env.E2E_STATE_DIR ??= path.join(path.dirname(dataDir), "signed-in");

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
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
  webServer: {
    command: `node server.mjs -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      PUBLIC_BASE_URL: baseURL,
      PGLITE_DIR: dataDir,
      DATABASE_URL: "",
      // As behind one reverse proxy: X-Forwarded-For's last entry is the client (e2e/fixtures.ts).
      TRUST_PROXY_HOPS: "1",
      // /api/metrics answers 401 without it (the authorization matrix); request lines stay out of the run's output.
      METRICS_TOKEN: "e2e-metrics-token-0123456789",
      LOG_LEVEL: "warn",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Contoso billing <billing@isv.example>",
    },
  },
});
