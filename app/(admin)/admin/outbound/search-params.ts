import { z } from "zod";
import { outboundDeliveryStatus } from "@/db/schema";
import type { DeliveryFilters } from "@/db/queries/outbound";
import { OUTBOUND_EVENT_TYPES } from "@/lib/outbound/event-types";

type RawParams = Record<string, string | string[] | undefined>;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v === "" ? undefined : v);

/** The delivery log's filters live in the URL, so a view can be bookmarked and shared. */
const searchSchema = z.object({
  endpoint: z.preprocess(first, z.guid().optional()).catch(undefined),
  status: z.preprocess(first, z.enum(outboundDeliveryStatus.enumValues).optional()).catch(undefined),
  event: z.preprocess(first, z.enum(OUTBOUND_EVENT_TYPES).optional()).catch(undefined),
  // Keyset page: `<createdAt ISO>_<id>` of the last row shown.
  before: z
    .preprocess(
      first,
      z
        .string()
        .regex(/^[^_]+_[0-9a-f-]{36}$/i)
        .optional(),
    )
    .catch(undefined)
    .transform((v) => {
      if (!v) return undefined;
      const [at, id] = v.split("_") as [string, string];
      const createdAt = new Date(at);
      return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
    }),
});
export type DeliverySearch = z.output<typeof searchSchema>;

export function parseDeliverySearch(params: RawParams): DeliverySearch {
  return searchSchema.parse(params);
}

export function deliveryFilters(s: DeliverySearch, limit = 50): DeliveryFilters {
  return { endpointId: s.endpoint, status: s.status, eventType: s.event, before: s.before, limit };
}

export function deliveryQuery(s: Pick<DeliverySearch, "endpoint" | "status" | "event">, before?: { createdAt: Date; id: string }): string {
  const out = new URLSearchParams();
  if (s.endpoint) out.set("endpoint", s.endpoint);
  if (s.status) out.set("status", s.status);
  if (s.event) out.set("event", s.event);
  if (before) out.set("before", `${before.createdAt.toISOString()}_${before.id}`);
  const text = out.toString();
  return text ? `?${text}` : "";
}
