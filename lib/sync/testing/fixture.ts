import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { saveAutoHealDrift } from "@/db/queries/sync";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { API, checkedFetch, startHarness, type SimHarness } from "marketplace-simulator/testing";
import type { TestDatabaseKind } from "@/test/db";
import { runSync } from "../run-sync";
import { seedSimulatorSubscriptions } from "./sim-subscriptions";

export interface SyncFixture {
  h: SimHarness;
  client: MarketplaceClient;
  /** Empties the portal's side between tests; the simulator is reset by `h.reset()`. */
  clearPortal(): Promise<void>;
}

/** The simulator and the portal in one test database, and the portal's client talking to it without a server. */
export async function startSyncFixture(kind: TestDatabaseKind): Promise<SyncFixture> {
  const h = await startHarness(kind);
  const client = createMarketplaceClient({
    baseUrl: API,
    getToken: () => h.mintToken(),
    fetch: (input, init) => checkedFetch(new Request(input, init)),
    retry: { maxAttempts: 1 },
  });
  return {
    h,
    client,
    async clearPortal() {
      await h.db.db.execute(sql`truncate table sync_drift, sync_runs, sync_settings, subscriptions, offers cascade`);
    },
  };
}

export interface SyncCase extends SyncFixture {
  /** The simulator's subscriptions seeded and synced before each test. */
  ids: string[];
  /** A control action on one of the simulator's subscriptions (suspend, change-quantity…). */
  sim(id: string, action: string, body?: unknown): ReturnType<SimHarness["call"]>;
}

/**
 * The fixture's lifecycle in the calling `describe`: before each test, an empty portal and simulator,
 * `subscriptions` seeded in the simulator and one sync run; drift is left for staff unless `autoHealDrift`.
 */
export function useSyncFixture(kind: TestDatabaseKind, opts: { subscriptions: number; autoHealDrift: boolean }): SyncCase {
  const c = { ids: [] as string[] } as SyncCase;
  beforeAll(async () => {
    Object.assign(c, await startSyncFixture(kind));
    c.sim = (id, action, body = {}) => c.h.call("POST", `/_sim/subscriptions/${id}/${action}`, { body });
  });
  afterAll(async () => c.h?.close());
  beforeEach(async () => {
    await c.h.reset();
    await c.clearPortal();
    if (!opts.autoHealDrift) await saveAutoHealDrift(c.h.db.db, false, null);
    c.ids = await seedSimulatorSubscriptions(c.h.db.db, opts.subscriptions);
    await runSync(c.h.db.db, c.client);
  });
  return c;
}
