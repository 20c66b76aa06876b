import type { TestProject } from "vitest/node";
import { createDatabaseTemplates, type DatabaseTemplate, type DatabaseTemplates } from "./db-templates";
import { findPostgresBinDir, startTestPostgres, type TestPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string | null;
    /** Migrated databases to copy, by migration set (test/db-templates.ts). */
    testDatabaseTemplates: Record<string, DatabaseTemplate>;
  }
}

let server: TestPostgres | undefined;
let templates: DatabaseTemplates | undefined;

/** Integration tests run on PGlite and on a real PostgreSQL: TEST_DATABASE_URL, or one started here. */
export async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL || null;
  if (!url) {
    const binDir = findPostgresBinDir();
    if (binDir) {
      server = await startTestPostgres(binDir);
      url = server.url;
    } else if (process.env.CI) {
      throw new Error("PostgreSQL server binaries not found (apt-get install postgresql); CI runs every test on both databases");
    } else {
      console.warn("[tests] PostgreSQL not installed: integration tests run on PGlite only");
    }
  }
  project.provide("testDatabaseUrl", url);
  // Migrated once per run; each suite's database is a copy.
  templates = await createDatabaseTemplates(url);
  project.provide("testDatabaseTemplates", templates.templates);
}

export async function teardown() {
  try {
    await templates?.drop();
  } finally {
    server?.stop();
  }
}
