import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { NotificationContext } from "@/db/schema";
import type { Branding } from "../branding";
import { notificationLabel } from "../catalogue";

export interface NotificationEmailProps {
  ctx: NotificationContext;
  brand: Branding;
  subject: string;
  intro: string;
  link: { href: string; label: string } | null;
}

const facts = (item: Omit<NotificationContext, "items" | "audience">, audience: NotificationContext["audience"]) => {
  const s = item.subscription;
  if (!s) return [];
  const rows: Array<[string, string]> = [
    ["Product", s.offerName],
    ["Subscription", s.name],
    ["Plan", s.planId],
  ];
  if (s.quantity !== null) rows.push(["Seats", String(s.quantity)]);
  if (audience === "staff") rows.push(["Status", s.status], ["Subscription ID", s.id]);
  return rows;
};

/** One notification e-mail; a digest lists its events, each with its own facts. */
export function NotificationEmail({ ctx, brand, subject, intro, link }: NotificationEmailProps) {
  const items = ctx.items ?? [ctx];
  return (
    <Html lang="en">
      <Head />
      <Preview>{intro}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "Segoe UI, Helvetica, Arial, sans-serif", color: "#0f172a" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Text style={{ color: brand.accentColor, fontWeight: 600, margin: 0 }}>{brand.productName}</Text>
          <Heading as="h1" style={{ fontSize: "20px" }}>
            {subject}
          </Heading>
          <Text>{intro}</Text>
          {items.map((item, i) => (
            <Section key={i} style={{ borderTop: "1px solid #e2e8f0", paddingTop: "8px" }}>
              {ctx.items && <Text style={{ fontWeight: 600, margin: "4px 0" }}>{notificationLabel(item.eventType)}</Text>}
              {facts(item, ctx.audience).map(([k, v]) => (
                <Text key={k} style={{ margin: "2px 0", fontSize: "14px" }}>
                  {k}: {v}
                </Text>
              ))}
            </Section>
          ))}
          {link && (
            <Section style={{ marginTop: "16px" }}>
              <Button
                href={link.href}
                style={{ backgroundColor: brand.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}
              >
                {link.label}
              </Button>
            </Section>
          )}
          <Hr />
          <Text style={{ fontSize: "12px", color: "#64748b" }}>
            Sent by {brand.senderName}. {link ? `Link: ${link.href}` : ""}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
