import type { DbOrTx } from "@/db/client";
import { MARKETPLACE_APP_ID } from "@/lib/env";
import { appTokenClaims, signToken } from "@/lib/simulator/identity/tokens";
import { simulatorIssuer } from "@/lib/simulator/identity/urls";
import type { WebhookSettings } from "./settings";

/**
 * The bearer token Microsoft puts on webhook calls: the marketplace's own app (20e940b3-…)
 * calling the publisher's app, issued by the publisher's tenant. `aud` is the portal's client
 * ID, `tid` its tenant, and the caller is named `azp` (v2) or `appid` (v1). Minted per attempt,
 * so a retry hours later still carries a valid token.
 */
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
