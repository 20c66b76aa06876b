import "server-only";
import nodemailer from "nodemailer";
import { postOnce } from "@/lib/outbound/post";
import { checkEndpointHost, checkEndpointUrl, connectLookup, type ResolveAll, type UrlPolicy } from "@/lib/outbound/url-policy";

export interface SendResult {
  ok: boolean;
  /** The provider's answer: the SMTP server's reply, or the HTTP status and the start of the body. */
  response: string | null;
  error: string | null;
  durationMs: number;
}

export interface TransportOptions {
  policy: UrlPolicy;
  resolve?: ResolveAll;
  timeoutMs: number;
}

export type SmtpCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** smtp:// (STARTTLS when offered) or smtps:// (TLS from the start); the host passes the outbound URL policy. */
export async function checkSmtpUrl(raw: string, opts: Pick<TransportOptions, "policy" | "resolve">): Promise<SmtpCheck> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "Enter an SMTP URL, such as smtp://user:password@smtp.example.com:587." };
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return { ok: false, reason: "Use an smtp:// or smtps:// URL." };
  if (!url.hostname) return { ok: false, reason: "The URL names no server." };
  // The host check is the one outbound webhooks use; it needs an http(s) URL to read the host from.
  const asHttp = new URL(`https://${url.host}/`);
  if (!opts.policy.allowPrivateNetworks) {
    const syntax = checkEndpointUrl(asHttp.href, opts.policy);
    if (!syntax.ok) return syntax;
  }
  const host = await checkEndpointHost(asHttp, opts.policy, opts.resolve);
  return host.ok ? { ok: true, url } : host;
}

/** A Teams or Slack webhook URL: the same checks as outbound endpoints (https in production, no private hosts). */
export async function checkWebhookUrl(raw: string, opts: Pick<TransportOptions, "policy" | "resolve">) {
  const syntax = checkEndpointUrl(raw, opts.policy);
  return syntax.ok ? checkEndpointHost(syntax.url, opts.policy, opts.resolve) : syntax;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Errors may quote the URL; whatever they say, the password and the webhook path stay out of the log. */
export function redact(text: string, secret: string): string {
  let out = text;
  try {
    const url = new URL(secret);
    for (const part of [url.password, decodeURIComponent(url.password), url.pathname.length > 1 ? url.pathname : "", url.search])
      if (part) out = out.split(part).join("***");
  } catch {
    /* not a URL: nothing to hide beyond the whole */
  }
  return out.split(secret).join("***");
}

export async function sendEmail(
  smtpUrl: string,
  mail: { from: string; to: string; subject: string; html: string; text: string; messageId: string },
  opts: TransportOptions,
): Promise<SendResult> {
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const checked = await checkSmtpUrl(smtpUrl, opts);
  if (!checked.ok) return { ok: false, response: null, error: `refused: ${checked.reason}`, durationMs: 0 };
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs * 2,
    // Local test servers and relays inside the network may present no certificate a CA signed.
    tls: opts.policy.allowPrivateNetworks ? { rejectUnauthorized: false } : undefined,
  } as nodemailer.TransportOptions);
  try {
    // The same Message-ID on every retry lets the receiving side drop a duplicate.
    const info = (await transport.sendMail({ ...mail, messageId: mail.messageId })) as { response?: string };
    return { ok: true, response: info.response ?? null, error: null, durationMs: elapsed() };
  } catch (err) {
    const response = (err as { response?: string }).response ?? null;
    return { ok: false, response: response && redact(response, smtpUrl), error: redact(messageOf(err), smtpUrl), durationMs: elapsed() };
  } finally {
    transport.close();
  }
}

export async function postChat(webhookUrl: string, body: string, opts: TransportOptions): Promise<SendResult> {
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const checked = await checkWebhookUrl(webhookUrl, opts);
  if (!checked.ok) return { ok: false, response: null, error: `refused: ${checked.reason}`, durationMs: 0 };
  try {
    const res = await postOnce(checked.url, body, {
      signal: AbortSignal.timeout(opts.timeoutMs),
      lookup: connectLookup(opts.policy, opts.resolve),
      maxBytes: 512,
      headers: { "content-type": "application/json", "user-agent": "marketplace-saas-portal-notifications/1" },
    });
    const ok = res.status >= 200 && res.status < 300;
    const response = `HTTP ${res.status}${res.snippet ? ` ${res.snippet}` : ""}`;
    return { ok, response: redact(response, webhookUrl), error: ok ? null : `HTTP ${res.status}`, durationMs: elapsed() };
  } catch (err) {
    return { ok: false, response: null, error: redact(messageOf(err), webhookUrl), durationMs: elapsed() };
  }
}
