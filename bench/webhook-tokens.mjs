// Webhook tokens minted exactly as the simulator mints them: its own code (loaded through tsx),
// its signing key, persisted in the simulator's tables of the database the server will use.
import { tsImport } from "tsx/esm/api";

const load = (p) => tsImport(p, import.meta.url);

/**
 * Migrates and seeds the simulator's schema (the server finds it ready), creates or reads its
 * signing key, and returns `count` webhook tokens plus the public key that verifies them.
 */
export async function prepareWebhookTokens(database, count) {
  const { openDatabase } = await load("../db/client.ts");
  const { prepareSimulatorDatabase } = await load("../packages/marketplace-simulator/src/database.ts");
  const { getSigningKey } = await load("../packages/marketplace-simulator/src/identity/keys.ts");
  const { mintWebhookToken } = await load("../packages/marketplace-simulator/src/notify/token.ts");
  const { WEBHOOK_DELIVERY_DEFAULTS } = await load("../packages/marketplace-simulator/src/notify/settings.ts");
  const { SIMULATOR_CLIENT_ID, SIMULATOR_TENANT_ID } = await load("../lib/env.ts");

  // Where the portal's mount puts the simulator (lib/simulator-mount.ts): file-backed PGlite in a sibling folder.
  const simulatorDatabase =
    database.kind === "pglite" && !database.dir.startsWith("memory://")
      ? { kind: "pglite", dir: `${database.dir.replace(/\/+$/, "")}-simulator` }
      : database;
  const handle = openDatabase(simulatorDatabase, { poolSize: 2 });
  try {
    const db = await prepareSimulatorDatabase(handle);
    // The audience and tenant the portal expects in simulator mode (lib/env.ts: webhook.*).
    const settings = {
      audience: SIMULATOR_CLIENT_ID,
      tenantId: SIMULATOR_TENANT_ID,
      issuerVersion: WEBHOOK_DELIVERY_DEFAULTS.issuerVersion,
    };
    const tokens = [];
    for (let i = 0; i < count; i++) tokens.push(await mintWebhookToken(db, settings, new Date()));
    const key = await getSigningKey(db);
    return { tokens, publicJwk: key.publicJwk, audience: settings.audience, tenantId: settings.tenantId };
  } finally {
    await handle.close();
  }
}
