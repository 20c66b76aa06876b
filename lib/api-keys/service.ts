import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getApiKeyById, insertApiKey, listApiKeys as listApiKeyRows, markApiKeyRevoked } from "@/db/queries/api-keys";
import type { ApiKey, ApiKeyScope } from "@/db/schema";
import type { Actor } from "@/lib/subscriptions/activate";
import { forgetApiKey } from "./authenticate";
import { generateApiKey } from "./secret";

export const API_KEY_SCOPES = ["usage:write", "subscriptions:read"] as const satisfies readonly ApiKeyScope[];
export type { ApiKey, ApiKeyScope } from "@/db/schema";

/** What callers may see of a key: everything but its hash. */
export type ApiKeySummary = Omit<ApiKey, "secretHash">;

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: Date | null;
}

export type ApiKeyResult<T> = { ok: true; value: T } | { ok: false; code: "not_found" | "already_revoked" | "expiry_in_past" };

const summary = ({ secretHash: _hash, ...rest }: ApiKey): ApiKeySummary => rest;
const actorLabel = (actor: Actor) => actor.email ?? actor.id ?? actor.type;
const auditActor = (actor: Actor) => ({ actorType: actor.type, actorId: actor.id, actorEmail: actor.email }) as const;

/** Creates a key; the plain key is returned here once and never stored. */
export async function createApiKey(
  db: Db,
  actor: Actor,
  input: CreateApiKeyInput,
  now = new Date(),
): Promise<ApiKeyResult<{ key: string; apiKey: ApiKeySummary }>> {
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) return { ok: false, code: "expiry_in_past" };
  const generated = generateApiKey();
  const scopes = [...new Set(input.scopes)];
  return db.transaction(async (tx) => {
    const row = await insertApiKey(tx, {
      name: input.name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes,
      expiresAt: input.expiresAt ?? null,
      createdBy: actorLabel(actor),
    });
    await insertAuditEvent(tx, {
      ...auditActor(actor),
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      changes: {
        name: { from: null, to: row.name },
        scopes: { from: null, to: row.scopes },
        expiresAt: { from: null, to: row.expiresAt?.toISOString() ?? null },
      },
      metadata: { prefix: row.prefix },
    });
    return { ok: true, value: { key: generated.key, apiKey: summary(row) } };
  });
}

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  return (await listApiKeyRows(db)).map(summary);
}

/**
 * Revokes the key: the next request with it is refused by this instance at once, by other instances
 * (and after a revocation from the command line) within KEY_CACHE_SECONDS.
 */
export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<ApiKeyResult<ApiKeySummary>> {
  const result = await db.transaction(async (tx): Promise<ApiKeyResult<ApiKeySummary>> => {
    const current = await getApiKeyById(tx, id);
    if (!current) return { ok: false, code: "not_found" };
    const row = await markApiKeyRevoked(tx, id, actorLabel(actor));
    if (!row) return { ok: false, code: "already_revoked" };
    await insertAuditEvent(tx, {
      ...auditActor(actor),
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: row.id,
      changes: { revokedAt: { from: null, to: row.revokedAt?.toISOString() ?? null } },
      metadata: { name: row.name, prefix: row.prefix },
    });
    return { ok: true, value: summary(row) };
  });
  forgetApiKey(id);
  return result;
}

/** One wording of each refusal, for the dashboard and the command line. */
export const API_KEY_ERRORS: Record<"not_found" | "already_revoked" | "expiry_in_past", string> = {
  not_found: "No API key has this ID.",
  already_revoked: "This API key is already revoked.",
  expiry_in_past: "The expiry must be in the future.",
};
