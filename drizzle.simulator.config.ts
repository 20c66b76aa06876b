import { defineConfig } from "drizzle-kit";

// The built-in marketplace simulator keeps Microsoft's side of the state in its own schema,
// with its own migrations, so the portal's migrations never touch it.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/marketplace-simulator/src/schema/index.ts",
  out: "./packages/marketplace-simulator/migrations",
  casing: "snake_case",
  schemaFilter: ["simulator"],
});
