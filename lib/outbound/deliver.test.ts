import { Webhook } from "standardwebhooks";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDelivery, listAttempts, maxAuditEventId } from "@/db/queries/outbound";
import { outboundCursor, outboundDeliveries, outboundEndpoints } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { CURSOR_NAME, enqueueBatch } from "./enqueue";
import {
  createEndpoint,
  replayDelivery,
  revealSecret,
  rotateSecret,
  sealStoredSecrets,
  sendTestEvent,
  setEndpointEnabled,
} from "./endpoints";
import { createSecretBox } from "./secret-box";
import { addEndpoint, audit, manualClock } from "./testing/fixtures";
import { startReceiver, type Receiver, type Reply } from "./testing/receiver";
import { processOutbound } from "./worker";

const allow = { allowPrivateNetworks: true };
const oneDelivery = async (t: TestDatabase) => (await t.db.select().from(outboundDeliveries))[0]!;

describe.each(testDatabases("one"))("outbound delivery (%s)", (kind) => {
  let t: TestDatabase;
  let receiver: Receiver;
  let replies: Reply[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    replies = [];
    receiver = await startReceiver((_, i) => replies[i] ?? 200);
    await t.db.delete(outboundEndpoints);
    await t.db.delete(outboundCursor);
    await t.db.insert(outboundCursor).values({ name: CURSOR_NAME, lastAuditId: await maxAuditEventId(t.db) });
  });
  afterEach(async () => receiver.close());

  it("signs each delivery so the Standard Webhooks library verifies it with the endpoint's secret", async () => {
    const ep = await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
    const event = await audit(t.db, "subscription.renewed");
    expect(await processOutbound(t.db, { policy: allow })).toMatchObject({ enqueued: 1, claimed: 1, delivered: 1 });

    const [call] = receiver.received;
    const headers = call!.headers as Record<string, string>;
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const payload = new Webhook(ep.secret).verify(call!.body, headers);
    expect(payload).toMatchObject({ type: "subscription.renewed", data: { eventId: event.id, action: "subscription.renewed" } });
    expect(headers["webhook-id"]).toBe((await oneDelivery(t)).id);
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret of 32 bytes......").toString("base64")}`).verify(call!.body, headers),
    ).toThrow(/No matching signature/);
    expect(() => new Webhook(ep.secret).verify(call!.body.replace("renewed", "renewex"), headers)).toThrow();
  });

  it("signs with both secrets for a day after a rotation", async () => {
    const ep = await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
    const rotated = await rotateSecret({ db: t.db, actorEmail: null }, { id: ep.id });
    if (!rotated.ok) throw new Error(rotated.code);
    await audit(t.db, "subscription.renewed");
    await processOutbound(t.db, { policy: allow });
    const call = receiver.received[0]!;
    const headers = call.headers as Record<string, string>;
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(ep.secret).verify(call.body, headers)).toBeTruthy();
    expect(new Webhook(rotated.endpoint.secret).verify(call.body, headers)).toBeTruthy();
  });

  it("with DATA_ENCRYPTION_KEY keeps only encrypted secrets in the database, and still signs with the clear ones", async () => {
    const secrets = createSecretBox("an encryption key of at least 32 characters");
    const deps = { db: t.db, actorEmail: "owner@isv.example", policy: allow, resolve: async () => ["127.0.0.1"], secrets };
    const created = await createEndpoint(deps, { url: receiver.url, description: "", enabled: true, eventTypes: ["subscription.renewed"] });
    if (!created.ok) throw new Error(created.code);
    const first = created.endpoint.secret;
    expect(first).toMatch(/^whsec_/);
    const rotated = await rotateSecret(deps, { id: created.endpoint.id });
    if (!rotated.ok) throw new Error(rotated.code);
    const second = rotated.endpoint.secret;

    const [row] = await t.db.select().from(outboundEndpoints).where(eq(outboundEndpoints.id, created.endpoint.id));
    expect(row!.secret).toMatch(/^enc:v1:/);
    expect(row!.previousSecret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(first.slice(6));
    expect(JSON.stringify(row)).not.toContain(second.slice(6));
    expect(await revealSecret(deps, { id: created.endpoint.id })).toEqual({ ok: true, secret: second });

    await audit(t.db, "subscription.renewed");
    expect(await processOutbound(t.db, { policy: allow, secrets })).toMatchObject({ delivered: 1 });
    const call = receiver.received[0]!;
    const headers = call.headers as Record<string, string>;
    expect(new Webhook(first).verify(call.body, headers)).toBeTruthy();
    expect(new Webhook(second).verify(call.body, headers)).toBeTruthy();

    // A process without the key cannot sign: the attempt fails and says which setting is missing.
    await audit(t.db, "subscription.renewed");
    expect(await processOutbound(t.db, { policy: allow, secrets: createSecretBox(null) })).toMatchObject({ delivered: 0, retried: 1 });
    const [failed] = await t.db.select().from(outboundDeliveries).where(eq(outboundDeliveries.status, "pending"));
    expect((await listAttempts(t.db, failed!.id))[0]?.error).toMatch(/DATA_ENCRYPTION_KEY/);
  });

  it("encrypts secrets stored before DATA_ENCRYPTION_KEY was set, once", async () => {
    const ep = await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
    const secrets = createSecretBox("an encryption key of at least 32 characters");
    expect(await sealStoredSecrets(t.db, secrets)).toBe(1);
    expect(await sealStoredSecrets(t.db, secrets)).toBe(0);
    const [row] = await t.db.select().from(outboundEndpoints).where(eq(outboundEndpoints.id, ep.id));
    expect(row!.secret).toMatch(/^enc:v1:/);
    expect(secrets.open(row!.secret)).toBe(ep.secret);
    expect(await sealStoredSecrets(t.db, createSecretBox(null))).toBe(0);
  });

  it("retries failures with exponential back-off, then gives up after the last attempt", async () => {
    replies = [503, 500, 429];
    await addEndpoint(t.db, receiver.url, ["subscription.suspended"]);
    await audit(t.db, "subscription.suspended");
    const clock = manualClock();
    const run = () =>
      processOutbound(t.db, {
        policy: allow,
        now: clock.now,
        random: () => 0.5,
        retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 },
      });

    expect(await run()).toMatchObject({ delivered: 0, retried: 1 });
    expect((await oneDelivery(t)).nextAttemptAt).toEqual(clock.at(1000));
    clock.advance(999);
    expect(await run()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await run()).toMatchObject({ retried: 1 });
    expect((await oneDelivery(t)).nextAttemptAt).toEqual(clock.at(1000 + 2000));
    clock.advance(2000);
    expect(await run()).toMatchObject({ failed: 1 });
    clock.advance(60 * 60 * 1000);
    expect(await run()).toMatchObject({ claimed: 0 });

    const d = await oneDelivery(t);
    expect(d).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 429, lastError: "HTTP 429" });
    const attempts = await listAttempts(t.db, d.id);
    expect(attempts.map((a) => a.statusCode)).toEqual([429, 500, 503]);
    expect(attempts[0]!.responseSnippet).toBe("status 429");
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([d.id]));
  });

  it("counts a receiver that does not answer in time, or redirects, as a failed attempt", async () => {
    replies = ["hang", { status: 302, headers: { location: "http://169.254.169.254/" } }];
    await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
    await audit(t.db, "subscription.renewed");
    const clock = manualClock();
    const opts = { policy: allow, now: clock.now, timeoutMs: 300, retry: { baseDelayMs: 10 } };
    expect(await processOutbound(t.db, opts)).toMatchObject({ retried: 1 });
    expect(await oneDelivery(t)).toMatchObject({ lastStatusCode: null, lastError: "no answer within 0.3 s" });
    clock.advance(60_000);
    expect(await processOutbound(t.db, opts)).toMatchObject({ retried: 1 });
    expect(await oneDelivery(t)).toMatchObject({ lastStatusCode: 302, lastError: "redirect to http://169.254.169.254/ not followed" });
    expect(receiver.received).toHaveLength(2);
  });

  it("replays a failed delivery with the same body and ID, and refuses one still in flight", async () => {
    replies = [500];
    const ep = await addEndpoint(t.db, receiver.url, ["subscription.reinstated"]);
    await audit(t.db, "subscription.reinstated");
    await processOutbound(t.db, { policy: allow, retry: { maxAttempts: 1 } });
    const failed = await oneDelivery(t);
    expect(failed.status).toBe("failed");

    const deps = { db: t.db, actorEmail: "operator@isv.example", deliver: { policy: allow } };
    const replayed = await replayDelivery(deps, { deliveryId: failed.id });
    expect(replayed).toMatchObject({ ok: true, sent: { outcome: "delivered", result: { statusCode: 200 } } });
    expect(await getDelivery(t.db, failed.id)).toMatchObject({ status: "succeeded", replays: 1, attempts: 1 });
    expect(receiver.received.map((r) => r.body)).toEqual([failed.body, failed.body]);
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([failed.id, failed.id]);
    expect(new Webhook(ep.secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers as Record<string, string>)).toBeTruthy();

    await t.db.update(outboundDeliveries).set({ status: "pending" }).where(eq(outboundDeliveries.id, failed.id));
    expect(await replayDelivery(deps, { deliveryId: failed.id })).toMatchObject({
      ok: false,
      code: "delivery-in-flight",
    });
  });

  it("sends a test event at once, whatever the filter, and holds deliveries while the endpoint is disabled", async () => {
    const ep = await addEndpoint(t.db, receiver.url, ["subscription.activated"]);
    const deps = { db: t.db, actorEmail: "operator@isv.example", deliver: { policy: allow } };
    expect(await sendTestEvent(deps, { id: ep.id })).toMatchObject({ ok: true, sent: { outcome: "delivered" } });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: "outbound.test",
      data: { endpointId: ep.id, requestedBy: "operator@isv.example" },
    });

    // Enqueued while enabled, then held while disabled.
    await audit(t.db, "subscription.activated");
    await enqueueBatch(t.db, { now: new Date() });
    await setEndpointEnabled(deps, { id: ep.id, enabled: false });
    expect(await processOutbound(t.db, { policy: allow })).toMatchObject({ claimed: 0 });
    // An event while disabled is never enqueued for it.
    await audit(t.db, "subscription.activated");
    await processOutbound(t.db, { policy: allow });
    await setEndpointEnabled(deps, { id: ep.id, enabled: true });
    expect(await processOutbound(t.db, { policy: allow })).toMatchObject({ enqueued: 0, delivered: 1 });
    expect(receiver.received).toHaveLength(2);
  });

  it("refuses to send to a private address when the policy forbids it", async () => {
    await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
    await audit(t.db, "subscription.renewed");
    const strict = { allowPrivateNetworks: false };
    expect(await processOutbound(t.db, { policy: strict })).toMatchObject({ retried: 1 });
    expect(await oneDelivery(t)).toMatchObject({ lastStatusCode: null, lastError: "refused: Use https: events carry customer data." });
    await t.db.update(outboundEndpoints).set({ url: "https://internal.example/hooks" });
    await t.db.update(outboundDeliveries).set({ nextAttemptAt: new Date(0) });
    await processOutbound(t.db, { policy: strict, resolve: async () => ["10.1.2.3"] });
    expect((await oneDelivery(t)).lastError).toBe("refused: internal.example resolves to a private address (10.1.2.3).");
    expect(receiver.received).toHaveLength(0);
  });
});
