// ESLint flat config: TypeScript, Next.js and React hooks rules, the import boundaries of
// docs/style.md (app -> lib -> db; the marketplace simulator and the portal never import each
// other), and the `server-only` marker on server modules. Prettier owns formatting, so
// eslint-config-prettier comes last. Type-aware rules are left out: they cost more than twice the
// time (a TypeScript program for 500 files) for three findings; `tsc --noEmit` runs in `npm test`.
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Tests and their helpers: they may drive the simulator, as the portal's tests do. */
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**", "**/testing/**", "bench/**"];

/** Where the portal mounts the simulator: its HTTP API and its storefront pages. */
const SIMULATOR_MOUNTS = ["app/api/simulator/**", "app/(dev)/simulator/**"];

/** The simulator, before and after it moves to its own workspace package. */
const SIMULATOR_CODE = ["lib/simulator/**", "packages/marketplace-simulator/**"];

/**
 * Simulator files that still import the portal, until the move to packages/marketplace-simulator
 * (issue 16) passes the database handle, origin and identities in. The non-test files import
 * `@/db/client` (the handle's types, openDatabase), `@/db/migrate`, `@/lib/env` (the simulator's
 * fixed identities and origin) and `@/lib/actions/result`; the tests also import the portal's
 * routes, Auth.js provider, marketplace client and webhook verifier, to test the portal against
 * the simulator, and belong on the portal's side. The package itself gets no such exception.
 */
const SIMULATOR_IMPORTS_PORTAL_UNTIL_MOVED = [
  "lib/simulator/api.ts",
  "lib/simulator/auth.ts",
  "lib/simulator/catalogue.ts",
  "lib/simulator/changes.ts",
  "lib/simulator/config.ts",
  "lib/simulator/control/customer-actions.ts",
  "lib/simulator/control/guard.test.ts",
  "lib/simulator/control/purchases.ts",
  "lib/simulator/control/router.ts",
  "lib/simulator/control/views.ts",
  "lib/simulator/database.test.ts",
  "lib/simulator/database.ts",
  "lib/simulator/faults.ts",
  "lib/simulator/fulfillment/read.test.ts",
  "lib/simulator/http.ts",
  "lib/simulator/identity/auth-js.test.ts",
  "lib/simulator/identity/authorization-code.test.ts",
  "lib/simulator/identity/client-credentials.ts",
  "lib/simulator/identity/clients.ts",
  "lib/simulator/identity/codes.ts",
  "lib/simulator/identity/context.ts",
  "lib/simulator/identity/directory.ts",
  "lib/simulator/identity/discovery.test.ts",
  "lib/simulator/identity/enabled.test.ts",
  "lib/simulator/identity/index.ts",
  "lib/simulator/identity/keys.ts",
  "lib/simulator/identity/picker.test.ts",
  "lib/simulator/identity/picker.ts",
  "lib/simulator/identity/sign-in-page.test.ts",
  "lib/simulator/identity/sign-in-request.ts",
  "lib/simulator/identity/testing/simulator-server.ts",
  "lib/simulator/identity/token-endpoint.test.ts",
  "lib/simulator/identity/tokens.ts",
  "lib/simulator/identity/urls.ts",
  "lib/simulator/identity/verify.test.ts",
  "lib/simulator/identity/verify.ts",
  "lib/simulator/marketplace-client.test.ts",
  "lib/simulator/metering/usage-rules.ts",
  "lib/simulator/mode.test.ts",
  "lib/simulator/notify/deliver.ts",
  "lib/simulator/notify/queries.ts",
  "lib/simulator/notify/retry-loop.ts",
  "lib/simulator/notify/retry.test.ts",
  "lib/simulator/notify/send-webhook.test.ts",
  "lib/simulator/notify/send.ts",
  "lib/simulator/notify/settings.ts",
  "lib/simulator/notify/token.ts",
  "lib/simulator/notify/webhook-delivery-log.tsx",
  "lib/simulator/operations.ts",
  "lib/simulator/renewals.ts",
  "lib/simulator/route.test.ts",
  "lib/simulator/seed.ts",
  "lib/simulator/store.ts",
  "lib/simulator/storefront/forms.ts",
  "lib/simulator/storefront/views.ts",
  "lib/simulator/testing/harness.ts",
  "lib/simulator/tick.ts",
  "lib/simulator/webhooks.ts",
];

/** Modules that must never reach a browser bundle: they start with `import "server-only"`. */
const SERVER_ONLY = [
  "db/client.ts",
  "db/index.ts",
  "db/queries/**",
  "lib/env.ts",
  "lib/startup.ts",
  "lib/actions/admin-action.ts",
  "lib/actions/flash.ts",
  "lib/auth/**",
  "lib/catalogue/**",
  "lib/jobs/**",
  "lib/marketplace/token.ts",
  "lib/outbound/**",
  "lib/rate-limit/**",
  "lib/services/**",
  "lib/subscriptions/**",
  "lib/sync/**",
  "lib/webhook/**",
];

/** Inside those folders, modules that run outside Next.js's server or in the browser. */
const NOT_SERVER_ONLY = [
  ...TESTS,
  "**/*.d.ts",
  "**/*.d.mts",
  // Imported by client components (forms): labels and choices only.
  "lib/catalogue/labels.ts",
  "lib/outbound/event-types.ts",
  "lib/sync/interval-choices.ts",
  // Plain Node.js: server.mjs imports it before Next.js loads.
  "lib/rate-limit/client-address.mjs",
  // Playwright (plain Node.js) reads the limits to test them.
  "lib/rate-limit/limits.ts",
];

// Import patterns. Each names the alias form and the relative form that leaves the folder.
const APP = {
  regex: "^(@/|(\\.\\./)+)app(/.*)?$",
  message: "Nothing imports app/: imports flow app -> lib -> db (docs/style.md).",
};
const SIMULATOR = {
  regex: "^(marketplace-simulator|@/lib/simulator|(\\.\\./)+(lib/)?simulator|(\\.\\./)+packages/marketplace-simulator)(/.*)?$",
  message:
    "The portal reaches the simulator only over HTTP, like Microsoft's service; only its mounts (app/api/simulator, app/(dev)/simulator) and tests import it.",
};
const DB = {
  regex: "^(@/|(\\.\\./)+)db(/.*)?$",
  message: "lib/marketplace never imports db/: the client gets its inputs passed in (docs/style.md).",
};
const DB_UP = {
  // db/ reads its configuration through lib/env.ts (env only through lib/env.ts), and the schema
  // takes Microsoft's status list from lib/marketplace/enums.ts (one list for schema and client).
  regex: "^(@/|(\\.\\./)+)(lib/(?!env$|marketplace/enums$)|components(/|$))",
  message: "db/ never imports lib/ or components/ (only lib/env and lib/marketplace/enums): imports flow app -> lib -> db.",
};
const PORTAL = {
  regex: "^(@/|(\\.\\./)+)(lib/(?!simulator(/|$))|db(/|$)|app(/|$)|components(/|$))",
  message: "The simulator never imports the portal: it gets its database, origin and identities passed in.",
};

/** One `no-restricted-imports` per block: a later block's options replace an earlier one's. */
const restrict = (files, patterns, ignores) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { "no-restricted-imports": patterns.length ? ["error", { patterns }] : "off" },
});

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "next-env.d.ts",
      "**/migrations/**",
      "packages/*/openapi/**",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  ...tseslint.configs.recommended,
  nextPlugin.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  // React code only: Playwright's fixtures call a `use` that is not React's.
  { files: ["app/**", "components/**", "**/*.tsx"], ...reactHooks.configs.flat["recommended-latest"] },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a required parameter, a destructured rest).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  // Tests read the JSON bodies of arbitrary responses; typing each one would not test anything more.
  { files: TESTS, rules: { "@typescript-eslint/no-explicit-any": "off" } },

  // Boundaries, from the general to the particular (the last matching block wins).
  restrict(["**/*.{ts,tsx,mts,mjs,js}"], [APP, SIMULATOR]),
  restrict(["app/**"], [SIMULATOR]),
  restrict(["db/**"], [APP, SIMULATOR, DB_UP]),
  restrict(["lib/marketplace/**"], [APP, SIMULATOR, DB]),
  restrict(TESTS, [APP]),
  restrict(["lib/marketplace/**/*.test.ts"], [APP, DB]),
  restrict(["app/**/*.test.ts", "app/**/*.test.tsx", "app/**/testing/**"], []),
  restrict(SIMULATOR_MOUNTS, []),
  restrict(SIMULATOR_CODE, [PORTAL]),
  restrict(SIMULATOR_IMPORTS_PORTAL_UNTIL_MOVED, []),

  {
    files: SERVER_ONLY,
    ignores: NOT_SERVER_ONLY,
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Program:not(:has(ImportDeclaration[source.value='server-only']))",
          message: 'A server module starts with `import "server-only"`, so that no client component can bundle it.',
        },
      ],
    },
  },
  prettier,
);
