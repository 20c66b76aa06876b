import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getApiKeyById, markApiKeyRevoked } from "@/db/queries/api-keys";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { authenticateApiKey, hasScope, KEY_CACHE_SECONDS } from "./authenticate";
import { hashSecret, parseApiKey } from "./secret";
import { createApiKey, listApiKeys, revokeApiKey } from "./service";

const owner = { type: "staff", id: "owner-id", email: "owner@isv.example" } as const;

describe.each(testDatabases("one"))("API keys on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it("stores only a hash of the secret, shows the key once and audits the creation in its transaction", async () => {
    const created = await createApiKey(t.db, owner, { name: "billing", scopes: ["usage:write", "usage:write"] });
    if (!created.ok) throw new Error(created.code);
    const { key, apiKey } = created.value;
    const parts = parseApiKey(key)!;
    expect(parts.prefix).toBe(apiKey.prefix);
    const row = (await getApiKeyById(t.db, apiKey.id))!;
    expect(row.secretHash).toBe(hashSecret(parts.secret));
    expect(JSON.stringify(row)).not.toContain(parts.secret);
    expect(row.scopes).toEqual(["usage:write"]);
    expect((await listApiKeys(t.db)).find((k) => k.id === apiKey.id)).not.toHaveProperty("secretHash");
    const [audit] = await listAuditEvents(t.db, { targetType: "api_key", targetId: apiKey.id });
    expect(audit).toMatchObject({ action: "api_key.created", actorEmail: "owner@isv.example", changes: { name: { to: "billing" } } });
    expect(JSON.stringify(audit)).not.toContain(parts.secret);
  });

  it("authenticates the key and refuses a wrong secret, a revoked key and an expired one", async () => {
    const created = await createApiKey(t.db, owner, {
      name: "reader",
      scopes: ["subscriptions:read"],
      expiresAt: new Date(Date.now() + 60_000),
    });
    if (!created.ok) throw new Error(created.code);
    const { key, apiKey } = created.value;
    const auth = await authenticateApiKey(t.db, `Bearer ${key}`);
    expect(auth).toMatchObject({ ok: true, key: { id: apiKey.id } });
    expect(auth.ok && hasScope(auth.key, "subscriptions:read")).toBe(true);
    expect(auth.ok && hasScope(auth.key, "usage:write")).toBe(false);
    expect((await getApiKeyById(t.db, apiKey.id))!.lastUsedAt).toBeInstanceOf(Date);

    const tampered = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    expect(await authenticateApiKey(t.db, `Bearer ${tampered}`)).toEqual({ ok: false, reason: "unknown" });
    expect(await authenticateApiKey(t.db, null)).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateApiKey(t.db, "Bearer nonsense")).toEqual({ ok: false, reason: "malformed" });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`, new Date(Date.now() + 120_000))).toEqual({ ok: false, reason: "expired" });

    expect(await revokeApiKey(t.db, owner, apiKey.id)).toMatchObject({ ok: true, value: { revokedBy: "owner@isv.example" } });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`)).toEqual({ ok: false, reason: "revoked" });
    expect(await revokeApiKey(t.db, owner, apiKey.id)).toEqual({ ok: false, code: "already_revoked" });
    expect(await revokeApiKey(t.db, owner, "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, code: "not_found" });
    const actions = (await listAuditEvents(t.db, { targetType: "api_key", targetId: apiKey.id })).map((e) => e.action);
    expect(actions).toEqual(["api_key.revoked", "api_key.created"]);
  });

  it("trusts a valid key's row for KEY_CACHE_SECONDS: a revocation elsewhere is effective within that bound", async () => {
    const created = await createApiKey(t.db, owner, { name: "ingest", scopes: ["usage:write"] });
    if (!created.ok) throw new Error(created.code);
    const { key, apiKey } = created.value;
    const now = Date.now();
    expect((await authenticateApiKey(t.db, `Bearer ${key}`, new Date(now))).ok).toBe(true);
    // Revoked by another instance or the command line: this instance's cache does not know yet.
    await markApiKeyRevoked(t.db, apiKey.id, "cli");
    expect((await authenticateApiKey(t.db, `Bearer ${key}`, new Date(now + 1000))).ok).toBe(true);
    // A wrong secret is refused even while the row is cached.
    expect(await authenticateApiKey(t.db, `Bearer ${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`, new Date(now + 1000))).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`, new Date(now + KEY_CACHE_SECONDS * 1000 + 1))).toEqual({
      ok: false,
      reason: "revoked",
    });
  });

  it("refuses an expiry in the past", async () => {
    expect(await createApiKey(t.db, owner, { name: "late", scopes: ["usage:write"], expiresAt: new Date(Date.now() - 1000) })).toEqual({
      ok: false,
      code: "expiry_in_past",
    });
  });
});
