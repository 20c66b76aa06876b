import { getDatabase } from "@/db";
import { EnvError, getEnv } from "@/lib/env";

/** Refuse a bad configuration with one message listing every problem, then migrate. */
export async function startServer(): Promise<void> {
  try {
    getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { db } = await getDatabase();
  if (getEnv().marketplace.mode === "simulator") {
    const { seedDemoCatalogue } = await import("@/db/seed-demo");
    await seedDemoCatalogue(db);
  }
}
