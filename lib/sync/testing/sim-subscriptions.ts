import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { SIMULATOR_PUBLISHER_ID } from "@/lib/env";
import { simSubscriptions, type NewSimSubscription } from "marketplace-simulator/schema";

const DAY = 86_400_000;

/**
 * Puts `count` active subscriptions straight into the simulator's tables, many per insert:
 * buying them one by one through the control API would dominate the tests' run time.
 */
export async function seedSimulatorSubscriptions(db: Db, count: number, opts: { offset?: number; now?: Date } = {}): Promise<string[]> {
  const now = opts.now ?? new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows: NewSimSubscription[] = Array.from({ length: count }, (_, k) => {
    const i = k + (opts.offset ?? 0);
    const seats = i % 2 === 1;
    const who = {
      emailId: `buyer${i}@contoso.example`,
      objectId: randomUUID(),
      tenantId: "c0a70500-0000-4000-8000-000000000001",
      puid: `P${String(i).padStart(15, "0")}`,
    };
    return {
      id: randomUUID(),
      publisherId: SIMULATOR_PUBLISHER_ID,
      offerId: seats ? "contoso-teamwork" : "contoso-analytics",
      name: `Seeded ${i}`,
      status: "Subscribed",
      beneficiary: who,
      purchaser: who,
      planId: seats ? "team" : "starter",
      quantity: seats ? 5 + (i % 7) : null,
      termUnit: "P1M",
      termStartDate: start,
      termEndDate: new Date(start.getTime() + 30 * DAY),
      allowedCustomerOperations: ["Read", "Update", "Delete"],
      market: "US",
      azureSubscriptionId: randomUUID(),
      created: now,
      lastModified: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(simSubscriptions).values(rows.slice(i, i + 500));
  return rows.map((r) => r.id!);
}
