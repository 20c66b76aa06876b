import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  deleteEndpoint as deleteEndpointRow,
  getDelivery,
  getEndpoint,
  insertDelivery,
  insertEndpoint,
  listEndpoints,
  resetDeliveryForReplay,
  updateEndpoint as updateEndpointRow,
} from "@/db/queries/outbound";
import type { AuditChanges, OutboundEndpoint } from "@/db/schema";
import { fail, type ServiceFailure } from "@/lib/errors";
import type { Actor } from "@/lib/subscriptions/activate";
import { deliverNow, type DeliverOptions } from "./deliver";
import { TEST_EVENT_TYPE, testEventBody } from "./event-types";
import type { EndpointFields } from "./schemas";
import { getSecretBox, type SecretBox } from "./secret-box";
import { generateSecret, SECRET_ROTATION_GRACE_MS } from "./signing";
import { checkEndpointHost, checkEndpointUrl, defaultUrlPolicy, type ResolveAll, type UrlPolicy } from "./url-policy";

export interface EndpointDeps {
  db: Db;
  actorEmail: string | null;
  /** Who the audit events name; a staff member known only by `actorEmail` when not given. */
  actor?: Actor;
  policy?: UrlPolicy;
  resolve?: ResolveAll;
  deliver?: DeliverOptions;
  /** Seals and opens signing secrets at rest; the process's own (DATA_ENCRYPTION_KEY) unless given. */
  secrets?: SecretBox;
}

type Refusal = ServiceFailure<"endpoint-not-found" | "delivery-not-found" | "delivery-in-flight" | "invalid-input">;
const NOT_FOUND = fail("endpoint-not-found");
const box = (deps: EndpointDeps) => deps.secrets ?? getSecretBox();

type EndpointAudit = { action: string; targetType?: string; targetId: string; changes?: AuditChanges; metadata?: Record<string, unknown> };

/** Every change here is audited by the service itself, in the change's own transaction when there is one. */
async function audit(deps: EndpointDeps, db: DbOrTx, event: EndpointAudit): Promise<void> {
  const actor = deps.actor ?? { type: deps.actorEmail ? "staff" : "system", id: null, email: deps.actorEmail };
  await insertAuditEvent(db, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    targetType: "outbound_endpoint",
    ...event,
  });
}

async function checkUrl(deps: EndpointDeps, raw: string): Promise<{ ok: true; url: string } | Refusal> {
  const policy = deps.policy ?? defaultUrlPolicy();
  const syntax = checkEndpointUrl(raw, policy);
  const checked = syntax.ok ? await checkEndpointHost(syntax.url, policy, deps.resolve) : syntax;
  return checked.ok ? { ok: true, url: checked.url.href } : fail("invalid-input", { url: checked.reason });
}

export async function createEndpoint(
  deps: EndpointDeps,
  input: EndpointFields,
): Promise<{ ok: true; endpoint: OutboundEndpoint } | Refusal> {
  const url = await checkUrl(deps, input.url);
  if (!url.ok) return url;
  const secret = generateSecret();
  const endpoint = await deps.db.transaction(async (tx) => {
    const row = await insertEndpoint(tx, { ...input, url: url.url, secret: box(deps).seal(secret), createdBy: deps.actorEmail });
    const changes = { url: { from: null, to: row.url }, eventTypes: { from: null, to: row.eventTypes } };
    await audit(deps, tx, { action: "outbound.endpoint_created", targetId: row.id, changes });
    return row;
  });
  // The caller shows the new secret once: it gets it in the clear, the database never does.
  return { ok: true, endpoint: { ...endpoint, secret } };
}

export async function updateEndpoint(
  deps: EndpointDeps,
  input: EndpointFields & { id: string },
): Promise<{ ok: true; endpoint: OutboundEndpoint; changes: AuditChanges } | Refusal> {
  const before = await getEndpoint(deps.db, input.id);
  if (!before) return NOT_FOUND;
  const url = await checkUrl(deps, input.url);
  if (!url.ok) return url;
  const fields = { url: url.url, description: input.description, enabled: input.enabled, eventTypes: input.eventTypes };
  const endpoint = await deps.db.transaction(async (tx) => {
    const row = await updateEndpointRow(tx, input.id, fields);
    if (row) await audit(deps, tx, { action: "outbound.endpoint_updated", targetId: input.id, changes: diff(before, row) });
    return row;
  });
  if (!endpoint) return NOT_FOUND;
  return { ok: true, endpoint, changes: diff(before, endpoint) };
}

export async function setEndpointEnabled(deps: EndpointDeps, input: { id: string; enabled: boolean }) {
  const before = await getEndpoint(deps.db, input.id);
  const endpoint =
    before &&
    (await deps.db.transaction(async (tx) => {
      const row = await updateEndpointRow(tx, input.id, { enabled: input.enabled });
      const action = input.enabled ? "outbound.endpoint_enabled" : "outbound.endpoint_disabled";
      if (row) await audit(deps, tx, { action, targetId: input.id, changes: diff(before, row) });
      return row;
    }));
  return before && endpoint ? ({ ok: true, endpoint, changes: diff(before, endpoint) } as const) : NOT_FOUND;
}

export async function deleteEndpoint(deps: EndpointDeps, input: { id: string }) {
  const endpoint = await deps.db.transaction(async (tx) => {
    const row = await deleteEndpointRow(tx, input.id);
    if (row)
      await audit(deps, tx, { action: "outbound.endpoint_deleted", targetId: input.id, changes: { url: { from: row.url, to: null } } });
    return row;
  });
  return endpoint ? ({ ok: true, endpoint } as const) : NOT_FOUND;
}

/** The old secret keeps signing for a day next to the new one, so receivers can switch without losing events. */
export async function rotateSecret(deps: EndpointDeps, input: { id: string }, now = new Date()) {
  const before = await getEndpoint(deps.db, input.id);
  if (!before) return NOT_FOUND;
  const secret = generateSecret();
  const endpoint = await deps.db.transaction(async (tx) => {
    const row = await updateEndpointRow(tx, input.id, {
      secret: box(deps).seal(secret),
      previousSecret: before.secret,
      previousSecretExpiresAt: new Date(now.getTime() + SECRET_ROTATION_GRACE_MS),
    });
    if (row) await audit(deps, tx, { action: "outbound.secret_rotated", targetId: input.id });
    return row;
  });
  return endpoint ? ({ ok: true, endpoint: { ...endpoint, secret } } as const) : NOT_FOUND;
}

/** The current secret in the clear, for an owner who asked to see it: each reveal is audited. */
export async function revealSecret(deps: EndpointDeps, input: { id: string }) {
  const endpoint = await getEndpoint(deps.db, input.id);
  if (!endpoint) return NOT_FOUND;
  const secret = box(deps).open(endpoint.secret);
  await audit(deps, deps.db, { action: "outbound.secret_revealed", targetId: input.id });
  return { ok: true, secret } as const;
}

/**
 * At start-up with DATA_ENCRYPTION_KEY set: encrypts the secrets stored before it was, so turning
 * the setting on protects existing endpoints too. Returns how many endpoints it sealed.
 */
export async function sealStoredSecrets(db: Db, secrets: SecretBox = getSecretBox()): Promise<number> {
  if (!secrets.encrypting) return 0;
  const sealed = (stored: string) => (secrets.isSealed(stored) ? stored : secrets.seal(stored));
  let count = 0;
  for (const { id, secret, previousSecret } of await listEndpoints(db)) {
    if (secrets.isSealed(secret) && (!previousSecret || secrets.isSealed(previousSecret))) continue;
    await updateEndpointRow(db, id, { secret: sealed(secret), previousSecret: previousSecret && sealed(previousSecret) });
    count++;
  }
  return count;
}

export async function sendTestEvent(deps: EndpointDeps, input: { id: string }, now = new Date()) {
  const endpoint = await getEndpoint(deps.db, input.id);
  if (!endpoint) return NOT_FOUND;
  const delivery = await insertDelivery(deps.db, {
    endpointId: endpoint.id,
    eventType: TEST_EVENT_TYPE,
    body: testEventBody(endpoint.id, deps.actorEmail, now),
    nextAttemptAt: now,
  });
  const sent = await deliverNow(deps.db, delivery.id, deps.deliver);
  // The event records the attempt's answer, so it follows the send: an HTTP call is never held inside a transaction.
  const metadata = { deliveryId: delivery.id, statusCode: sent?.result.statusCode ?? null };
  await audit(deps, deps.db, { action: "outbound.test_sent", targetId: endpoint.id, metadata });
  return { ok: true, delivery, sent } as const;
}

export async function replayDelivery(deps: EndpointDeps, input: { deliveryId: string }, now = new Date()) {
  const current = await getDelivery(deps.db, input.deliveryId);
  if (!current) return fail("delivery-not-found");
  const reset = await resetDeliveryForReplay(deps.db, input.deliveryId, now);
  if (!reset) return fail("delivery-in-flight");
  const sent = await deliverNow(deps.db, reset.id, deps.deliver);
  const metadata = { endpointId: reset.endpointId, statusCode: sent?.result.statusCode ?? null };
  await audit(deps, deps.db, {
    action: "outbound.delivery_replayed",
    targetType: "outbound_delivery",
    targetId: input.deliveryId,
    metadata,
  });
  return { ok: true, delivery: reset, sent } as const;
}

const FIELDS = ["url", "description", "enabled", "eventTypes"] as const;

function diff(before: OutboundEndpoint, after: OutboundEndpoint): AuditChanges {
  const changes: AuditChanges = {};
  for (const key of FIELDS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
