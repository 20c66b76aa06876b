"use server";

import { adminAction, type AdminActionContext } from "@/lib/actions/admin-action";
import {
  createChannel,
  createRule,
  previewTemplate,
  removeChannel,
  removeRule,
  replayNotification,
  saveTemplate,
  sendTestMessage,
} from "@/lib/notifications/channels";
import {
  channelFieldsSchema,
  channelIdSchema,
  deliveryIdSchema,
  previewSchema,
  ruleFieldsSchema,
  ruleIdSchema,
  templateFieldsSchema,
} from "@/lib/notifications/schemas";

// The services write each change's audit event themselves, in the change's transaction.
const deps = (ctx: AdminActionContext) => ({ db: ctx.db, actor: ctx.actor });
const PATHS = ["/admin/notifications"];

const answer = (sent: { outcome: string; result: { response: string | null; error: string | null } } | null) =>
  !sent
    ? "it is already being sent."
    : sent.outcome === "delivered"
      ? `delivered (${sent.result.response ?? "no answer text"}).`
      : `not delivered: ${sent.result.error ?? sent.result.response ?? "unknown error"}${sent.outcome === "retried" ? " (it will be retried)." : "."}`;

export const createChannelAction = adminAction("owner", channelFieldsSchema, async (input, ctx) => {
  const result = await createChannel(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: `Channel “${result.channel.name}” added. Add rules to choose what it receives.`, revalidate: PATHS };
});

export const removeChannelAction = adminAction("owner", channelIdSchema, async (input, ctx) => {
  const result = await removeChannel(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: `Channel “${result.channel.name}” removed with its rules and delivery log.`, revalidate: PATHS, flash: true };
});

export const sendTestNotificationAction = adminAction("owner", channelIdSchema, async (input, ctx) => {
  const result = await sendTestMessage(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: `Test message ${answer(result.sent)}`, revalidate: PATHS };
});

export const createRuleAction = adminAction("owner", ruleFieldsSchema, async (input, ctx) => {
  const result = await createRule(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: "Rule added.", revalidate: PATHS };
});

export const removeRuleAction = adminAction("owner", ruleIdSchema, async (input, ctx) => {
  const result = await removeRule(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: "Rule removed.", revalidate: PATHS, flash: true };
});

export const saveTemplateAction = adminAction("owner", templateFieldsSchema, async (input, ctx) => {
  await saveTemplate(deps(ctx), input);
  return { ok: true, message: "Template saved: new messages use it.", revalidate: PATHS };
});

/** Renders without saving: the live preview beside the template form. */
export const previewTemplateAction = adminAction("owner", previewSchema, async (input) => {
  return { ok: true, data: await previewTemplate(input) };
});

export const replayNotificationAction = adminAction("owner", deliveryIdSchema, async (input, ctx) => {
  const result = await replayNotification(deps(ctx), input);
  if (!result.ok) return result;
  return { ok: true, message: `Replayed: ${answer(result.sent)}`, revalidate: PATHS };
});
