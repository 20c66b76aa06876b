import { render, toPlainText } from "@react-email/render";
import { createElement } from "react";
import type { NotificationContext } from "@/db/schema";
import type { Branding, BrandingSource } from "../branding";
import { copyFor, type CopyOverrides } from "./copy";
import { NotificationEmail } from "./email";

export interface RenderedEmail {
  subject: string;
  intro: string;
  html: string;
  text: string;
  link: { href: string; label: string } | null;
}

/** Buyers are sent to their account page; staff to the subscription in the dashboard. */
export function linkFor(ctx: NotificationContext, brand: Branding): RenderedEmail["link"] {
  if (ctx.audience === "buyer") return { href: `${brand.baseUrl}/account`, label: "Open your account" };
  if (ctx.subscription && !ctx.items)
    return { href: `${brand.baseUrl}/admin/subscriptions/${ctx.subscription.id}`, label: "Open in the dashboard" };
  return { href: `${brand.baseUrl}/admin/notifications`, label: "Open the dashboard" };
}

export function brandFor(ctx: NotificationContext, branding: BrandingSource): Branding {
  const s = ctx.subscription ?? ctx.items?.[0]?.subscription ?? null;
  return branding(s && !ctx.items ? { offerId: s.offerId, offerName: s.offerName } : null);
}

/** HTML and a plain-text part from the same React component, with the owner's subject and intro. */
export async function renderEmail(
  ctx: NotificationContext,
  branding: BrandingSource,
  overrides: CopyOverrides = {},
): Promise<RenderedEmail> {
  const brand = brandFor(ctx, branding);
  const { subject, intro } = copyFor(ctx, brand, overrides);
  const link = linkFor(ctx, brand);
  const html = await render(createElement(NotificationEmail, { ctx, brand, subject, intro, link }));
  return { subject, intro, html, text: toPlainText(html), link };
}
