import { entraErrors } from "./errors";
import { findClient, secretMatches, type RegisteredClient } from "./clients";
import type { TokenForm } from "./params";

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

interface PresentedCredentials {
  clientId?: string;
  secret?: string;
  assertion?: string;
}

function decodeFormComponent(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

export function presentedCredentials(request: Request, form: TokenForm): PresentedCredentials {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      return { clientId: decodeFormComponent(decoded.slice(0, colon)), secret: decodeFormComponent(decoded.slice(colon + 1)) };
    }
  }
  return {
    clientId: form.client_id,
    secret: form.client_secret,
    assertion: form.client_assertion_type === CLIENT_ASSERTION_TYPE ? form.client_assertion : undefined,
  };
}

/** No certificate can be registered with the simulator, so client assertions always fail. */
export function authenticateClient(creds: PresentedCredentials, authority: string): RegisteredClient {
  if (!creds.clientId) throw entraErrors.missingParameter("client_id");
  const client = findClient(creds.clientId);
  if (!client) throw entraErrors.unknownClient(creds.clientId, authority);
  if (creds.assertion && !creds.secret) throw entraErrors.badAssertion();
  if (!creds.secret) throw entraErrors.missingCredential();
  if (!secretMatches(client, creds.secret)) throw entraErrors.badSecret(client.clientId);
  return client;
}
