// ESLint flat config: TypeScript, Next.js and React hooks rules, the import boundaries of
// docs/style.md (app -> lib -> db; the marketplace simulator and the portal never import each
// other, and the forms package they share imports neither), and the `server-only` marker on
// server modules. Prettier owns formatting, so eslint-config-prettier comes last. Type-aware rules
// are left out: they cost more than twice the time (a TypeScript program for 500 files) for three
// findings; `tsc --noEmit` runs in `npm test`.
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Tests and their helpers: they may drive the simulator, as the portal's tests do. */
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**", "**/testing/**", "bench/**"];

/** Where the portal mounts the simulator: its HTTP API and its storefront pages. */
const SIMULATOR_MOUNTS = ["app/api/simulator/**", "app/(dev)/simulator/**"];

/** The simulator, before and after it moves to its own workspace package. */
const SIMULATOR_CODE = ["packages/marketplace-simulator/**"];

/** Modules that must never reach a browser bundle: they start with `import "server-only"`. */
const SERVER_ONLY = [
  "db/change-feed.ts",
  "db/client.ts",
  "db/index.ts",
  "db/queries/**",
  "lib/env.ts",
  "lib/startup.ts",
  "lib/tracing.ts",
  "lib/actions/admin-action.ts",
  "lib/actions/flash.ts",
  "lib/auth/**",
  "lib/catalogue/**",
  "lib/jobs/**",
  "lib/live/**",
  "lib/log/**",
  "lib/marketplace/token.ts",
  "lib/metering/**",
  "lib/metrics/**",
  "lib/api-keys/**",
  "lib/api/**",
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
  "lib/log/config.mjs",
  "lib/log/request-context.mjs",
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
  // The package's own modules are reached with one or two "../"; the portal lies beyond the
  // package's folder. Its tests borrow the repository's test databases (@/test).
  regex: "^(@/(?!test/)|(\\.\\./){3,}(lib|db|app|components)(/|$))",
  message: "The simulator never imports the portal: it gets its database, origin and identities passed in.",
};

const FORMS_PACKAGE = {
  // The portal's and the simulator's forms both import it, so it imports neither of them.
  regex: "^(@/|(marketplace-simulator|(\\.\\./)+(packages/)?marketplace-simulator)(/|$)|(\\.\\./){3,}(lib|db|app|components|test)(/|$))",
  message: "action-form is shared by the portal and the simulator: it imports neither of them.",
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
  // The portal's one wiring module builds the simulator's options from the portal's settings;
  // lib/env.ts takes the simulated identities' constants (one source, the package).
  restrict(["lib/simulator-mount.ts"], [APP]),
  restrict(["lib/env.ts"], [APP, { regex: "^marketplace-simulator(?!/constants$)", message: SIMULATOR.message }]),
  // `npm run db:migrate` applies the simulator's schema too, wherever the server would serve it.
  restrict(["db/migrate-cli.ts"], [APP, DB_UP, { regex: "^marketplace-simulator(?!/migrations$)", message: SIMULATOR.message }]),
  restrict(SIMULATOR_CODE, [PORTAL]),
  restrict(["packages/action-form/**"], [FORMS_PACKAGE]),

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
