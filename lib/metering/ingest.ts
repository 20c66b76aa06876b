import "server-only";
import { log } from "@/lib/log";
import type { DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { ensureOffer, upsertPlans } from "@/db/queries/catalogue";
import { insertUsage, type UsageRefusal, type UsageRow } from "@/db/queries/usage";
import type { MarketplaceClient } from "@/lib/marketplace";
import { planValues } from "@/lib/subscriptions/from-marketplace";
import { type IngestResult, type UsageEventIn, type UsageRejection, type UsageSource } from "./schemas";
import { hourOf, isInsideWindow } from "./window";

/** What ingestion asks Microsoft when a subscription's plan is not in the catalogue yet. */
export type PlansClient = Pick<MarketplaceClient, "listAvailablePlans">;

export interface IngestOptions {
  now?: Date;
  /**
   * The staff member who posted or imported the usage (manual and CSV sources): the audit row's
   * actor. The source's ref (e-mail, file name) goes in the row's details.
   */
  staff?: { id: string | null; email: string | null };
  /**
   * Asked once per call for a subscription whose plan is not in the portal's catalogue (activated
   * without the landing page, before the plans were refreshed): its offer's plans are stored and
   * the events decided then. Without it, such events are refused as not_metered.
   */
  plans?: PlansClient;
}

/**
 * Stores usage events and adds them to their hours. Each event is checked on its own (the valid
 * ones are kept when others fail); the subscriptions and plans are checked, the events written and
 * their hours updated in one statement, so a call of 1,000 events costs one round trip (two when a
 * plan had to be fetched from Microsoft first).
 */
export async function ingestUsage(
  db: DbOrTx,
  events: UsageEventIn[],
  source: UsageSource,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const rejected: UsageRejection[] = [];
  const ids = new Set<string>();
  const rows: UsageRow[] = [];
  events.forEach((e, index) => {
    // Callers validate with usageEventSchema (the API route, CSV import, manual posting); parsing a
    // thousand events twice costs more than the SQL, so only what this function relies on is rechecked.
    const problem = cheapCheck(e);
    if (problem) {
      rejected.push({ index, code: "invalid", message: problem });
      return;
    }
    const at = new Date(e.timestamp);
    if (!isInsideWindow(at, now)) {
      rejected.push({
        index,
        code: "outside_window",
        message: "Microsoft accepts usage for the past 24 hours only, and none from the future.",
      });
      return;
    }
    const subscriptionId = e.subscriptionId.toLowerCase();
    ids.add(subscriptionId);
    rows.push({
      index,
      subscriptionId,
      dimension: e.dimension,
      quantity: e.quantity,
      effectiveAt: at,
      hour: hourOf(at),
      idempotencyKey: e.id ?? null,
    });
  });

  const ref = { kind: source.kind, ref: source.ref || null };
  const first = await insertUsage(db, rows, ref);
  let accepted = first.inserted;
  let stored = rows.length - first.refused.length;
  let refused = first.refused;
  const unknownPlans = refused.filter((r) => r.code === "unknown_plan");
  if (unknownPlans.length > 0 && opts.plans && (await fetchPlans(db, opts.plans, unknownPlans))) {
    const again = new Set(unknownPlans.map((r) => r.index));
    const second = await insertUsage(
      db,
      rows.filter((r) => again.has(r.index)),
      ref,
    );
    accepted += second.inserted;
    stored += again.size - second.refused.length;
    refused = [...refused.filter((r) => !again.has(r.index)), ...second.refused];
  }
  for (const r of refused) rejected.push(rejection(r, events[r.index]!.dimension));
  rejected.sort((a, b) => a.index - b.index);

  const result = { accepted, duplicates: stored - accepted, rejected };
  if (source.kind === "manual" || source.kind === "csv") {
    await insertAuditEvent(db, {
      actorType: "staff",
      actorId: opts.staff?.id ?? null,
      actorEmail: opts.staff?.email ?? (source.kind === "manual" ? source.ref : null),
      action: source.kind === "manual" ? "usage.posted" : "usage.imported",
      targetType: rows.length === 1 || ids.size === 1 ? "subscription" : "usage",
      targetId: ids.size === 1 ? [...ids][0]! : "usage",
      metadata: {
        source: source.kind,
        ...(source.kind === "csv" ? { file: source.ref } : { ref: source.ref }),
        accepted,
        duplicates: result.duplicates,
        rejected: rejected.length,
        events: events.length,
      },
    });
  }
  return result;
}

function rejection(r: UsageRefusal, dimension: string): UsageRejection {
  switch (r.code) {
    case "unknown_subscription":
      return { index: r.index, code: "unknown_subscription", message: `No subscription ${r.subscriptionId}.` };
    case "unknown_plan":
      return {
        index: r.index,
        code: "not_metered",
        message: `Plan ${r.planId} is not in the catalogue: it has no known metering dimensions.`,
      };
    case "not_metered":
      return { index: r.index, code: "not_metered", message: `Plan ${r.planId} has no metering dimensions.` };
    case "unknown_dimension":
      return { index: r.index, code: "unknown_dimension", message: `Plan ${r.planId} has no dimension ${dimension}.` };
  }
}

/**
 * Stores the plans Microsoft lists for one subscription of each plan the catalogue lacks (its offer's
 * plans: listAvailablePlans answers per subscription). True when at least one answer was stored.
 * https://learn.microsoft.com/en-us/partner-center/marketplace-offers/partner-center-portal/pc-saas-fulfillment-subscription-api#list-available-plans
 */
async function fetchPlans(db: DbOrTx, client: PlansClient, unknown: UsageRefusal[]): Promise<boolean> {
  const perPlan = new Map<string, UsageRefusal>();
  for (const r of unknown) if (r.offerId && r.planId) perPlan.set(`${r.offerId}|${r.planId}`, r);
  let stored = false;
  for (const r of perPlan.values()) {
    try {
      const found = await client.listAvailablePlans(r.subscriptionId);
      await ensureOffer(db, { id: r.offerId!, displayName: r.offerId! });
      await upsertPlans(
        db,
        found.map((p) => planValues(r.offerId!, p)),
      );
      stored = true;
    } catch (err) {
      // Microsoft unreachable or refusing: the events are refused as not metered, as before.
      log.warn({ offerId: r.offerId, err }, "metering: could not fetch the offer's plans");
    }
  }
  return stored;
}

function cheapCheck(e: UsageEventIn): string | null {
  if (e === null || typeof e !== "object") return "event: must be an object";
  if (typeof e.subscriptionId !== "string" || !GUID.test(e.subscriptionId)) return "subscriptionId: must be a GUID";
  if (typeof e.dimension !== "string" || e.dimension.length < 1 || e.dimension.length > 64) return "dimension: 1 to 64 characters";
  if (typeof e.quantity !== "number" || !Number.isFinite(e.quantity) || e.quantity <= 0) return "quantity: must be a number greater than 0";
  if (typeof e.timestamp !== "string" || !ISO_WITH_OFFSET.test(e.timestamp) || Number.isNaN(Date.parse(e.timestamp)))
    return "timestamp: must be an ISO 8601 date-time with offset";
  if (e.id !== undefined && (typeof e.id !== "string" || e.id.length < 1 || e.id.length > 128)) return "id: 1 to 128 characters";
  return null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
