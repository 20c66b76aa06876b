import type { NotificationContext } from "@/db/schema";
import type { RenderedEmail } from "./render";

const factsOf = (ctx: NotificationContext) => {
  const s = ctx.subscription;
  if (!s) return [];
  return [
    { title: "Product", value: s.offerName },
    { title: "Subscription", value: s.name },
    { title: "Plan", value: s.planId },
    { title: "Status", value: s.status },
  ];
};

/**
 * An Adaptive Card in the message envelope that Teams incoming webhooks and Workflows accept:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
 */
export function teamsMessage(ctx: NotificationContext, m: Pick<RenderedEmail, "subject" | "intro" | "link">): string {
  const lines = ctx.items?.map((i) => ({ type: "TextBlock", wrap: true, text: `${i.eventType}: ${i.subscription?.name ?? ""}` })) ?? [];
  return JSON.stringify({
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", size: "Medium", weight: "Bolder", wrap: true, text: m.subject },
            { type: "TextBlock", wrap: true, text: m.intro },
            ...(ctx.subscription ? [{ type: "FactSet", facts: factsOf(ctx) }] : []),
            ...lines,
          ],
          actions: m.link ? [{ type: "Action.OpenUrl", title: m.link.label, url: m.link.href }] : [],
        },
      },
    ],
  });
}

const mrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Block Kit for a Slack incoming webhook; `text` is the fallback shown in notifications. https://api.slack.com/messaging/webhooks */
export function slackMessage(ctx: NotificationContext, m: Pick<RenderedEmail, "subject" | "intro" | "link">): string {
  const facts = factsOf(ctx).map((f) => ({ type: "mrkdwn", text: `*${f.title}*\n${mrkdwn(f.value)}` }));
  const lines = ctx.items?.map((i) => `• ${mrkdwn(i.eventType)}: ${mrkdwn(i.subscription?.name ?? "")}`).join("\n");
  return JSON.stringify({
    text: m.subject,
    blocks: [
      { type: "header", text: { type: "plain_text", text: m.subject.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: mrkdwn(m.intro) } },
      ...(facts.length ? [{ type: "section", fields: facts }] : []),
      ...(lines ? [{ type: "section", text: { type: "mrkdwn", text: lines } }] : []),
      ...(m.link
        ? [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: m.link.label }, url: m.link.href }] }]
        : []),
    ],
  });
}
