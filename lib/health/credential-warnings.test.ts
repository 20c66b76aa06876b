import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/db/queries/audit-events";
import { parseEnv } from "@/lib/env";
import { eventTypeFor } from "@/lib/outbound/event-types";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { thresholdReached, warnCredentialExpiry } from "./credential-warnings";

const CLIENT = "0b5c2a55-2f4e-4f0b-9d1e-8f3a7c6b5a41";
const live = (expires: string) =>
  parseEnv({
    MARKETPLACE_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    MARKETPLACE_CLIENT_ID: CLIENT,
    MARKETPLACE_CLIENT_SECRET: "s",
    MARKETPLACE_CLIENT_SECRET_EXPIRES: expires,
    AUTH_ENTRA_CLIENT_ID: CLIENT,
    AUTH_ENTRA_CLIENT_SECRET: "x",
    AUTH_SECRET: "a".repeat(32),
  });
const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000);

describe("credential expiry thresholds", () => {
  it("names the nearest threshold reached, 0 once expired", () => {
    const expires = day(60);
    expect(thresholdReached(expires, day(20))).toBeNull();
    expect(thresholdReached(expires, day(31))).toBe(30);
    expect(thresholdReached(expires, day(50))).toBe(14);
    expect(thresholdReached(expires, day(54))).toBe(7);
    expect(thresholdReached(expires, day(59.5))).toBe(1);
    expect(thresholdReached(expires, day(60))).toBe(0);
  });
});

describe.each(testDatabases("one"))("credential expiry warnings (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  const warnings = async () =>
    (await listAuditEvents(t.db, { targetType: "credential", limit: 100 })).map(
      (e) => (e.metadata as { thresholdDays: number }).thresholdDays,
    );

  it("warns once per secret and threshold, however many ticks and instances see it", async () => {
    const env = live("2027-03-02");
    expect(await warnCredentialExpiry(t.db, env, day(0))).toBeNull();
    // Two instances ticking at once, then the next ticks: one warning for 30 days.
    const first = await Promise.all([warnCredentialExpiry(t.db, env, day(31)), warnCredentialExpiry(t.db, env, day(31))]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await warnCredentialExpiry(t.db, env, day(32))).toBeNull();
    expect(await warnCredentialExpiry(t.db, env, day(47))).toMatchObject({
      action: "credential.expiry_warning",
      targetType: "credential",
      metadata: { credential: "client secret", clientId: CLIENT, thresholdDays: 14, daysLeft: 13, expired: false },
    });
    expect(await warnCredentialExpiry(t.db, env, day(48))).toBeNull();
    // The server was down from 7 days to 1 day before expiry: one warning for 1 day, none late for 7.
    expect(await warnCredentialExpiry(t.db, env, day(59.5))).toMatchObject({ metadata: { thresholdDays: 1 } });
    expect(await warnCredentialExpiry(t.db, env, day(61))).toMatchObject({ metadata: { thresholdDays: 0, expired: true } });
    expect(await warnCredentialExpiry(t.db, env, day(90))).toBeNull();
    expect(await warnings()).toEqual([0, 1, 14, 30]);

    // A rotated secret (another expiry) is another credential: it is warned about afresh.
    expect(await warnCredentialExpiry(t.db, live("2027-04-30"), day(100))).toMatchObject({ metadata: { thresholdDays: 30 } });
    const [latest] = await listAuditEvents(t.db, { targetType: "credential", limit: 1 });
    expect(eventTypeFor(latest!)).toBe("credential.expiring");
    expect(JSON.stringify(latest)).not.toContain('"s"');
  });

  it("does nothing without a recorded expiry or outside live mode", async () => {
    const unrecorded = parseEnv({ ...process.env, MARKETPLACE_CLIENT_SECRET_EXPIRES: undefined });
    expect(await warnCredentialExpiry(t.db, unrecorded, day(0))).toBeNull();
  });
});
