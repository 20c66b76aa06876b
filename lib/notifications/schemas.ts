import "server-only";
import { z } from "zod";
import { NOTIFICATION_EVENT_TYPES } from "./catalogue";

const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const eventType = z.enum(NOTIFICATION_EVENT_TYPES as [string, ...string[]], { message: "Unknown event type" });

export const channelFieldsSchema = z
  .object({
    kind: z.enum(["email", "teams", "slack"], { message: "Choose e-mail, Microsoft Teams or Slack" }),
    name: z.string().trim().min(1, "Give the channel a name").max(100, "At most 100 characters"),
    /** An SMTP URL (blank: the SMTP_URL setting) or a webhook URL. */
    target: z.string().trim().max(2048, "At most 2,048 characters").default(""),
    mailFrom: z.string().trim().max(200, "At most 200 characters").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "email" && !v.target) ctx.addIssue({ code: "custom", path: ["target"], message: "Paste the channel's webhook URL" });
  });
export type ChannelFields = z.output<typeof channelFieldsSchema>;

export const channelIdSchema = z.object({ id: z.guid() });
export const deliveryIdSchema = z.object({ deliveryId: z.guid() });
export const ruleIdSchema = z.object({ id: z.guid() });

export const ruleFieldsSchema = z.object({
  channelId: z.guid({ message: "Choose a channel" }),
  eventTypes: z.preprocess(list, z.array(eventType).min(1, "Choose at least one event")),
  offerId: z.string().trim().max(200).default(""),
  staffRoles: z.preprocess(list, z.array(z.enum(["owner", "operator", "viewer"]))),
  addresses: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : list(v)),
    z.array(z.email({ message: "Enter e-mail addresses separated by commas" })).max(50),
  ),
  toPurchaser: checkbox,
  toBeneficiary: checkbox,
  digest: checkbox,
});
export type RuleFields = z.output<typeof ruleFieldsSchema>;

export const templateFieldsSchema = z.object({
  eventType,
  subject: z.string().trim().max(200, "At most 200 characters").default(""),
  intro: z.string().trim().max(2000, "At most 2,000 characters").default(""),
});
export type TemplateFields = z.output<typeof templateFieldsSchema>;

export const previewSchema = templateFieldsSchema.extend({ audience: z.enum(["staff", "buyer"]).default("staff") });
