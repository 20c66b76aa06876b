import { sql } from "drizzle-orm";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { API, checkedFetch, startHarness, type SimHarness } from "marketplace-simulator/testing";
import type { TestDatabaseKind } from "@/test/db";

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
