import "server-only";
import { getTableName } from "drizzle-orm";
import type { z } from "zod";
import type { DatabaseHandle, Db } from "@/db/client";
import { listSubscriptionsPage } from "@/db/queries/api-subscriptions";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { rateLimits } from "@/db/schema";
import { createAbuseLimiter, type AbuseLimiter } from "@/lib/rate-limit/limiter";
import { authorizeKey } from "./authorize";
import { decodeCursor, encodeCursor } from "./cursor";
import { json, problem, queryOf, readJsonBody } from "./http";
import { presentSubscription, presentTermUsage, presentUsageHour, type TermUsageRow, type UsageHourRow } from "./present";
import {
  MAX_EVENTS_PER_REQUEST,
  subscriptionIdParams,
  subscriptionListQuery,
  usageEventIn,
  usageQuery,
  usageSubmissionSchema,
  type UsageResultOut,
} from "./schemas";
import { isValidUsageEvent, type UsageEventIn } from "@/lib/metering/schemas";

/** What /api/v1 needs of lib/metering; passed in so tests and the routes share one implementation. */
export interface MeteringPort {
  ingestUsage(db: Db, events: UsageEventIn[], source: { kind: "api"; ref: string }): Promise<UsageResultOut>;
  listUsageHours(
    db: Db,
    q: { subscriptionId: string; dimension?: string; from?: Date; to?: Date; limit?: number },
  ): Promise<UsageHourRow[]>;
  usageThisTerm(db: Db, subscriptionId: string): Promise<TermUsageRow[]>;
}

export interface ApiV1Deps {
  getDatabase(): Promise<Pick<DatabaseHandle, "db" | "kind" | "pool">>;
  metering: MeteringPort;
  /** Requests a minute per key (API_RATE_LIMIT_PER_MINUTE); 0 turns the limit off. */
  requestsPerMinute: number;
}

export interface ApiV1 {
  postUsage(request: Request): Promise<Response>;
  getUsage(request: Request): Promise<Response>;
  listSubscriptions(request: Request): Promise<Response>;
  getSubscription(request: Request, id: string): Promise<Response>;
}

/** Hours a single usage query returns at most: 31 days of one dimension. */
const MAX_USAGE_HOURS = 744;

const badQuery = (issues: z.core.$ZodIssue[]) => problem(400, "Bad Request", { detail: "The query parameters are not valid.", issues });

export function createApiV1(deps: ApiV1Deps): ApiV1 {
  let limiter: Promise<AbuseLimiter | null> | undefined;
  const context = async () => {
    const handle = await deps.getDatabase();
    // Per key, shared by every instance through PostgreSQL (as the abuse limits are); in memory on PGlite.
    limiter ??= Promise.resolve(
      deps.requestsPerMinute > 0
        ? createAbuseLimiter(
            { name: "api-key", points: deps.requestsPerMinute, durationSeconds: 60 },
            handle.kind === "postgres" && handle.pool
              ? { kind: "postgres", pool: handle.pool, tableName: getTableName(rateLimits) }
              : { kind: "memory" },
          )
        : null,
    );
    return { db: handle.db, limiter: await limiter };
  };

  return {
    async postUsage(request) {
      const { db, limiter } = await context();
      const key = await authorizeKey(db, request, "usage:write", limiter);
      if (key instanceof Response) return key;
      const body = await readJsonBody(request);
      if (!body.ok) return body.response;
      const value = body.value as { events?: unknown } | null;
      const events = value !== null && typeof value === "object" && !Array.isArray(value) ? value.events : undefined;
      if (!Array.isArray(events) || events.length < 1 || events.length > MAX_EVENTS_PER_REQUEST) {
        // Not the submission's shape: zod says why (a top-level issue).
        const issues = usageSubmissionSchema.safeParse(body.value).error?.issues;
        return problem(400, "Bad Request", { detail: 'Send {"events": [...]} with 1 to 1,000 events.', issues });
      }
      // Each event is checked on its own and an invalid one rejects that event alone; zod runs only
      // for an event the cheap equivalent refuses, for its message (a thousand zod parses cost more than the SQL).
      const invalid = new Map<number, string>();
      events.forEach((e, index) => {
        if (isValidUsageEvent(e)) return;
        const one = usageEventIn.safeParse(e);
        if (!one.success) invalid.set(index, `${one.error.issues[0]!.path.join(".") || "event"}: ${one.error.issues[0]!.message}`);
      });
      const indices = events.map((_, i) => i).filter((i) => !invalid.has(i));
      const result = await deps.metering.ingestUsage(
        db,
        indices.map((i) => events[i] as UsageEventIn),
        { kind: "api", ref: key.id },
      );
      const rejected = [
        ...[...invalid].map(([index, message]) => ({ index, code: "invalid" as const, message })),
        ...result.rejected.map((r) => ({ ...r, index: indices[r.index]! })),
      ].sort((a, b) => a.index - b.index);
      return json({ accepted: result.accepted, duplicates: result.duplicates, rejected }, 202);
    },

    async getUsage(request) {
      const { db, limiter } = await context();
      const key = await authorizeKey(db, request, "subscriptions:read", limiter);
      if (key instanceof Response) return key;
      const q = usageQuery.safeParse(queryOf(request));
      if (!q.success) return badQuery(q.error.issues);
      if (!(await getSubscriptionById(db, q.data.subscriptionId)))
        return problem(404, "Not Found", { detail: "No subscription has this ID." });
      const rows = await deps.metering.listUsageHours(db, {
        subscriptionId: q.data.subscriptionId,
        dimension: q.data.dimension,
        from: q.data.from ? new Date(q.data.from) : undefined,
        to: q.data.to ? new Date(q.data.to) : undefined,
        limit: MAX_USAGE_HOURS,
      });
      return json({ items: rows.map(presentUsageHour) });
    },

    async listSubscriptions(request) {
      const { db, limiter } = await context();
      const key = await authorizeKey(db, request, "subscriptions:read", limiter);
      if (key instanceof Response) return key;
      const q = subscriptionListQuery.safeParse(queryOf(request));
      if (!q.success) return badQuery(q.error.issues);
      const { cursor, limit, status, offer, plan, tenant } = q.data;
      const filters = { status, offerId: offer, planId: plan, tenantId: tenant?.toLowerCase() };
      const filterKey = JSON.stringify([status ?? "", offer ?? "", plan ?? "", filters.tenantId ?? ""]);
      const after = cursor ? decodeCursor(cursor, filterKey) : undefined;
      if (after === null) return problem(400, "Bad Request", { detail: "The cursor is not valid for these filters." });
      // One row more than asked says whether another page follows.
      const rows = await listSubscriptionsPage(db, filters, { after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return json({
        items: page.map((r) => presentSubscription(r.row)),
        nextCursor: rows.length > limit && last ? encodeCursor(last.keyset, filterKey) : null,
      });
    },

    async getSubscription(request, id) {
      const { db, limiter } = await context();
      const key = await authorizeKey(db, request, "subscriptions:read", limiter);
      if (key instanceof Response) return key;
      const params = subscriptionIdParams.safeParse({ id });
      if (!params.success) return badQuery(params.error.issues);
      const row = await getSubscriptionById(db, params.data.id.toLowerCase());
      if (!row) return problem(404, "Not Found", { detail: "No subscription has this ID." });
      const usage = await deps.metering.usageThisTerm(db, row.id);
      return json({ ...presentSubscription(row), usageThisTerm: usage.map(presentTermUsage) });
    },
  };
}
