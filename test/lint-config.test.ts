import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The import boundaries of docs/style.md and the server-only marker, held by eslint.config.mjs:
// each deliberate violation below must fail `npm run lint`, and each allowed import must pass.
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The messages of one rule for `code` linted as if it were the file at `filePath`. */
async function lint(filePath: string, code: string, ruleId = "no-restricted-imports") {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const SERVER = 'import "server-only";\n';

describe("import boundaries", () => {
  it.each([
    [
      "lib imports app",
      "lib/subscriptions/x.ts",
      'import { confirmAction } from "@/app/(marketing)/landing/actions";',
      /Nothing imports app/,
    ],
    ["lib imports app by a relative path", "lib/subscriptions/x.ts", 'import page from "../../app/page";', /Nothing imports app/],
    [
      "components import app",
      "components/admin/x.tsx",
      'import { x } from "@/app/(admin)/admin/_components/overview/problems-widget";',
      /Nothing imports app/,
    ],
    ["db imports app", "db/queries/x.ts", 'import page from "@/app/page";', /Nothing imports app/],
    [
      "db imports a lib service",
      "db/queries/x.ts",
      'import { confirmPurchase } from "@/lib/subscriptions/activate";',
      /db\/ never imports lib/,
    ],
    ["lib/marketplace imports db", "lib/marketplace/client.ts", 'import { getDb } from "@/db";', /lib\/marketplace never imports db/],
    [
      "lib/marketplace imports db queries",
      "lib/marketplace/x.ts",
      'import { getPlan } from "@/db/queries/catalogue";',
      /lib\/marketplace never imports db/,
    ],
    [
      "portal lib imports the simulator",
      "lib/jobs/x.ts",
      'import { handleSimulatorRequest } from "@/lib/simulator/api";',
      /only over HTTP/,
    ],
    [
      "portal lib imports the simulator package",
      "lib/services/x.ts",
      'import { handleSimulatorRequest } from "marketplace-simulator";',
      /only over HTTP/,
    ],
    [
      "an admin page imports the simulator package",
      "app/(admin)/admin/page.tsx",
      'import { x } from "marketplace-simulator/storefront";',
      /only over HTTP/,
    ],
    ["proxy.ts imports the simulator", "proxy.ts", 'import { x } from "@/lib/simulator/identity";', /only over HTTP/],
    [
      "the simulator package imports lib",
      "packages/marketplace-simulator/src/api.ts",
      'import { getEnv } from "@/lib/env";',
      /never imports the portal/,
    ],
    [
      "the simulator package imports db",
      "packages/marketplace-simulator/src/store.ts",
      'import type { DbOrTx } from "@/db/client";',
      /never imports the portal/,
    ],
    [
      "the simulator package imports app",
      "packages/marketplace-simulator/src/x.test.ts",
      'import { GET } from "@/app/api/simulator/[...path]/route";',
      /never imports the portal/,
    ],
    [
      "a simulator file reaches the portal's db queries by a relative path",
      "packages/marketplace-simulator/src/control/new-file.ts",
      'import { getPlan } from "../../../../db/queries/catalogue";',
      /never imports the portal/,
    ],
    [
      "lib/env.ts imports more of the simulator than its constants",
      "lib/env.ts",
      SERVER + 'import { x } from "marketplace-simulator/storefront";',
      /only over HTTP/,
    ],
    [
      "the migration command imports more of the simulator than its migrations",
      "db/migrate-cli.ts",
      'import { x } from "marketplace-simulator";',
      /only over HTTP/,
    ],
    [
      "the migration command imports a lib service",
      "db/migrate-cli.ts",
      'import { x } from "@/lib/services/marketplace";',
      /db\/ never imports lib/,
    ],
    [
      "the forms package imports the portal",
      "packages/action-form/src/x.tsx",
      'import type { ActionState } from "@/lib/actions/result";',
      /imports neither of them/,
    ],
    [
      "the forms package reaches the portal's components by a relative path",
      "packages/action-form/src/x.tsx",
      'import { inputClass } from "../../../components/admin/form-message";',
      /imports neither of them/,
    ],
    [
      "the forms package imports the simulator",
      "packages/action-form/src/x.tsx",
      'import { inputClass } from "../../marketplace-simulator/src/storefront/ui/form-bits";',
      /imports neither of them/,
    ],
  ])("refuses: %s", async (_name, filePath, code, message) => {
    const messages = await lint(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    [
      "app imports lib and db",
      "app/(admin)/admin/page.tsx",
      'import { requireStaff } from "@/lib/auth/guards";\nimport { getDb } from "@/db";',
    ],
    ["db reads lib/env", "db/index.ts", SERVER + 'import { getEnv } from "@/lib/env";'],
    [
      "the simulator's API mount",
      "app/api/simulator/[...path]/route.ts",
      'import { handleSimulatorRequest } from "marketplace-simulator";',
    ],
    ["the storefront mount", "app/(dev)/simulator/page.tsx", 'import { loadStorefront } from "@/lib/simulator/storefront/views";'],
    ["a portal test drives the simulator", "lib/jobs/x.test.ts", 'import { startHarness } from "marketplace-simulator/testing";'],
    ["a test helper drives the simulator", "test/simulator-client.ts", 'import { handleSimulatorRequest } from "@/lib/simulator/api";'],
    [
      "the simulator imports itself",
      "packages/marketplace-simulator/src/control/new-file.ts",
      'import { x } from "../db";\nimport { y } from "./store";',
    ],
    [
      "lib/env.ts takes the simulated identities' constants",
      "lib/env.ts",
      SERVER + 'import { SIMULATOR_TENANT_ID } from "marketplace-simulator/constants";',
    ],
    [
      "the migration command applies the simulator's migrations",
      "db/migrate-cli.ts",
      'import { migrateSimulatorDatabase } from "marketplace-simulator/migrations";\nimport { getEnv } from "@/lib/env";',
    ],
    ["lib/marketplace imports its own modules", "lib/marketplace/x.ts", 'import { x } from "./simulator-authority";'],
    [
      "the portal's forms import the shared form bits",
      "components/admin/x.tsx",
      'import { Field } from "action-form/field";\nimport { FormMessage } from "action-form/form-message";',
    ],
    [
      "the simulator's forms import the shared form bits",
      "packages/marketplace-simulator/src/storefront/ui/x.tsx",
      'import { Field } from "action-form/field";\nimport { FormMessage } from "action-form/form-message";',
    ],
    ["the forms package imports its own modules", "packages/action-form/src/x.tsx", 'import type { FormResult } from "./use-action-form";'],
  ])("allows: %s", async (_name, filePath, code) => {
    expect(await lint(filePath, code)).toEqual([]);
  });
});

describe("server-only marker", () => {
  it("refuses a server module without it and accepts one with it", async () => {
    const code = 'import { sql } from "drizzle-orm";\nexport const q = sql`select 1`;\n';
    expect(await lint("db/queries/x.ts", code, "no-restricted-syntax")).toEqual([expect.stringMatching(/server-only/)]);
    expect(await lint("lib/subscriptions/x.ts", code, "no-restricted-syntax")).toHaveLength(1);
    expect(await lint("db/queries/x.ts", SERVER + code, "no-restricted-syntax")).toEqual([]);
  });

  it("leaves modules that client components or plain Node.js load alone", async () => {
    expect(await lint("lib/catalogue/labels.ts", "export const A = 1;\n", "no-restricted-syntax")).toEqual([]);
    expect(await lint("lib/rate-limit/limits.ts", "export const A = 1;\n", "no-restricted-syntax")).toEqual([]);
    expect(await lint("db/schema/x.ts", "export const A = 1;\n", "no-restricted-syntax")).toEqual([]);
  });
});
