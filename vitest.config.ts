import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts", "packages/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/global-setup.ts"],
    pool: "forks",
    // Vitest's default is one worker fewer than the CPUs: one file at a time on 2 cores, while most
    // files mostly wait on PostgreSQL, PGlite start-up and local HTTP. Files share nothing but the
    // PostgreSQL server (each suite gets its own database): ports are picked free, folders are
    // mkdtemp'd, and each worker is its own process with its own environment.
    maxWorkers: 2,
    // Each test file is a process of its own, and each PGlite it opens compiles PostgreSQL's WebAssembly;
    // V8's optimising tier then recompiles it in the background, for code that runs seconds at most.
    // With V8's baseline compiler only, six PGlite suites took 47 CPU s instead of 60.
    execArgv: ["--liftoff-only"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ["server-only"] } },
    alias: { "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)) },
  },
});
