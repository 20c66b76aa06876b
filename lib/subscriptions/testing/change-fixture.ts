import { afterAll, beforeAll, beforeEach } from "vitest";
import { alex, buy, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import type { MarketplaceClient } from "@/lib/marketplace";
import type { TestDatabaseKind } from "@/test/db";
import { checkedSimulatorClient } from "@/test/simulator-client";
import { subscriptionValues } from "../from-marketplace";

export interface ChangeFixture {
  h: SimHarness;
  client: MarketplaceClient;
  /** What the change services take. */
  deps(): { db: SimHarness["db"]["db"]; client: MarketplaceClient };
  /** Bought by Alex and activated at Microsoft, and known to the portal as active. */
  active(body: Record<string, unknown>): Promise<string>;
  /** The simulator's count of Fulfillment API calls for one subscription, by kind (patch, delete…). */
  apiCalls(id: string): Promise<Record<string, number>>;
}

/**
 * The simulator and the portal in one test database, registered on the calling `describe`: a
 * fresh simulator before each test, whose operations complete `operationDelayMs` after they start.
 */
export function useChangeFixture(kind: TestDatabaseKind, opts: { operationDelayMs: number }): ChangeFixture {
  const f = {
    deps: () => ({ db: f.h.db.db, client: f.client }),
    async active(body) {
      const { subscriptionId } = await buy(f.h, { purchaser: alex, autoActivate: true, ...body });
      await upsertSubscription(f.h.db.db, subscriptionValues(await f.client.getSubscription(subscriptionId)));
      await updateSubscription(f.h.db.db, subscriptionId, { provisioningState: "active" });
      return subscriptionId;
    },
    async apiCalls(id) {
      return (await f.h.call("GET", `/_sim/subscriptions/${id}`)).body.apiCalls as Record<string, number>;
    },
  } as ChangeFixture;
  beforeAll(async () => {
    f.h = await startHarness(kind);
    f.client = checkedSimulatorClient(f.h);
  });
  afterAll(async () => f.h?.close());
  beforeEach(async () => f.h.reset({ operationDelayMs: opts.operationDelayMs }));
  return f;
}
