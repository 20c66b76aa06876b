import "server-only";
import { z } from "zod";
import { OUTBOUND_EVENT_TYPES } from "./event-types";

const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
// Checkboxes post "on" when ticked and nothing when not; JSON callers send booleans.
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const endpointFieldsSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL that receives events").max(2048, "At most 2,048 characters"),
  description: z.string().trim().max(500, "At most 500 characters").default(""),
  enabled: checkbox,
  eventTypes: z.preprocess(
    list,
    z.array(z.enum(OUTBOUND_EVENT_TYPES, { message: "Unknown event type" })).min(1, "Choose at least one event"),
  ),
});
export type EndpointFields = z.output<typeof endpointFieldsSchema>;

export const endpointIdSchema = z.object({ id: z.guid() });
export const updateEndpointSchema = endpointFieldsSchema.extend({ id: z.guid() });
export const setEnabledSchema = z.object({ id: z.guid(), enabled: checkbox });
export const deliveryIdSchema = z.object({ deliveryId: z.guid() });
