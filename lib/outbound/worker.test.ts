import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { maxAuditEventId } from "@/db/queries/outbound";
import { outboundCursor } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { CURSOR_NAME } from "./enqueue";
import { addEndpoint, audit } from "./testing/fixtures";
import { startReceiver } from "./testing/receiver";
import { startOutboundWorker } from "./worker";

describe.each(testDatabases("one"))("outbound worker in the background (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(outboundCursor).values({ name: CURSOR_NAME, lastAuditId: await maxAuditEventId(t.db) });
  });
  afterAll(async () => t?.close());

  it("delivers on its first round and when kicked, and stays quiet once stopped", async () => {
    const receiver = await startReceiver();
    try {
      await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
      await audit(t.db, "subscription.renewed");
      const worker = startOutboundWorker({ getDb: async () => t.db, intervalMs: 60_000, policy: { allowPrivateNetworks: true } });
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 5000 });

      await audit(t.db, "subscription.renewed");
      worker.kick();
      await vi.waitFor(() => expect(receiver.received).toHaveLength(2), { timeout: 5000 });

      await worker.stop();
      await audit(t.db, "subscription.renewed");
      worker.kick();
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });
});
