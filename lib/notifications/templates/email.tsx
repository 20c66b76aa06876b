import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
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

/** The product's support, privacy and terms links, as on its buyer pages. */
function FooterLinks({ brand }: { brand: Branding }) {
  const support = brand.supportUrl ?? (brand.supportEmail ? `mailto:${brand.supportEmail}` : null);
  const links = [
    support && { href: support, label: brand.supportEmail && !brand.supportUrl ? `Support: ${brand.supportEmail}` : "Support" },
    brand.privacyUrl && { href: brand.privacyUrl, label: "Privacy" },
    brand.termsUrl && { href: brand.termsUrl, label: "Terms of use" },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  if (links.length === 0) return null;
  return (
    <Text style={{ fontSize: "12px", color: "#64748b" }}>
      {links.map((l, i) => (
        <span key={l.href}>
          {i > 0 && " · "}
          <Link href={l.href} style={{ color: "#334155", textDecoration: "underline" }}>
            {l.label}
          </Link>
        </span>
      ))}
    </Text>
  );
}

/** One notification e-mail; a digest lists its events, each with its own facts. */
export function NotificationEmail({ ctx, brand, subject, intro, link }: NotificationEmailProps) {
  const items = ctx.items ?? [ctx];
  return (
    <Html lang="en">
      <Head />
      <Preview>{intro}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "Segoe UI, Helvetica, Arial, sans-serif", color: "#0f172a" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Section style={{ borderTop: `4px solid ${brand.accentColor}`, paddingTop: "12px" }}>
            {brand.logoUrl && <Img src={brand.logoUrl} alt="" height="40" style={{ height: "40px", width: "auto", marginBottom: "8px" }} />}
            <Text style={{ fontWeight: 600, margin: 0 }}>{brand.productName}</Text>
          </Section>
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
                style={{ backgroundColor: brand.accentColor, color: brand.onAccentColor, padding: "10px 16px", borderRadius: "6px" }}
              >
                {link.label}
              </Button>
            </Section>
          )}
          <Hr />
          <Text style={{ fontSize: "12px", color: "#64748b" }}>
            Sent by {brand.senderName}. {link ? `Link: ${link.href}` : ""}
          </Text>
          <FooterLinks brand={brand} />
        </Container>
      </Body>
    </Html>
  );
}
