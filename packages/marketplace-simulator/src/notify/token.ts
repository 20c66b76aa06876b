import type { DbOrTx } from "../db";
import { MARKETPLACE_APP_ID } from "../constants";
import { appTokenClaims, signToken } from "../identity/tokens";
import { simulatorIssuer } from "../identity/urls";
import type { WebhookSettings } from "./settings";

/** The marketplace app calling the publisher's app; minted per attempt so late retries stay valid. */
export async function mintWebhookToken(
  db: DbOrTx,
  settings: Pick<WebhookSettings, "audience" | "tenantId" | "issuerVersion">,
  now: Date,
): Promise<string> {
  const claims = appTokenClaims({
    audience: settings.audience,
    issuer: simulatorIssuer(settings.tenantId, settings.issuerVersion),
    tenantId: settings.tenantId,
    callerAppId: MARKETPLACE_APP_ID,
    version: settings.issuerVersion,
    // Microsoft's first-party app authenticates with a certificate.
    credentialType: "2",
  });
  const { token } = await signToken(db, claims, { now });
  return token;
}
