import type { NotificationContext } from "@/db/schema";
import type { Branding } from "../branding";
import { DIGEST_TYPE, NOTIFICATION_TEST_TYPE, notificationLabel } from "../catalogue";

export interface Copy {
  subject: string;
  intro: string;
}

/** Owners' overrides per event type; a blank field keeps the built-in words. */
export type CopyOverrides = Record<string, { subject?: string | null; intro?: string | null }>;

/** The placeholders subjects and intros may use. */
export const PLACEHOLDERS = ["{product}", "{subscription}", "{plan}", "{portal}", "{event}"] as const;

const BUYER: Record<string, Copy> = {
  "subscription.activated": {
    subject: "Your {product} subscription is active",
    intro: "Thank you for your purchase. Your subscription {subscription} is now active and ready to use.",
  },
  "subscription.cancelled": {
    subject: "Your {product} subscription has been cancelled",
    intro: "This confirms that your subscription {subscription} has been cancelled. You will not be charged for it again.",
  },
};

const STAFF: Record<string, Copy> = {
  "subscription.pending": {
    subject: "Awaiting approval: {subscription} ({product})",
    intro: "A buyer has confirmed a purchase that waits for staff approval before it is activated.",
  },
  "subscription.activation_failed": {
    subject: "Activation failed: {subscription} ({product})",
    intro: "The portal could not activate this subscription with Microsoft. It needs a look.",
  },
  "subscription.cancelled": { subject: "Cancelled: {subscription} ({product})", intro: "This subscription has been cancelled." },
};

function builtIn(ctx: Pick<NotificationContext, "eventType" | "audience">): Copy {
  if (ctx.eventType === NOTIFICATION_TEST_TYPE)
    return { subject: "Test message from {portal}", intro: "This channel works: notifications will arrive here." };
  if (ctx.eventType === DIGEST_TYPE)
    return { subject: "{portal}: notifications of the day", intro: "Here is what happened since the last digest." };
  const table = ctx.audience === "buyer" ? BUYER : STAFF;
  return table[ctx.eventType] ?? { subject: "{event}: {subscription} ({product})", intro: `${notificationLabel(ctx.eventType)}.` };
}

export function fill(template: string, ctx: NotificationContext, brand: Branding): string {
  const values: Record<string, string> = {
    "{product}": brand.productName,
    "{subscription}": ctx.subscription?.name ?? "—",
    "{plan}": ctx.subscription?.planId ?? "—",
    "{portal}": brand.senderName,
    "{event}": notificationLabel(ctx.eventType),
  };
  return template.replace(/\{(product|subscription|plan|portal|event)\}/g, (m) => values[m] ?? m);
}

/** The subject and intro of one message: the owner's words where set, else the built-in ones, placeholders filled. */
export function copyFor(ctx: NotificationContext, brand: Branding, overrides: CopyOverrides = {}): Copy {
  const base = builtIn(ctx);
  const own = overrides[ctx.eventType];
  return {
    subject: fill(own?.subject?.trim() || base.subject, ctx, brand),
    intro: fill(own?.intro?.trim() || base.intro, ctx, brand),
  };
}
