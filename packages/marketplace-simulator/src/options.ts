import { SIMULATOR_CLIENT_ID, SIMULATOR_TENANT_ID } from "./constants";
import type { SimulatorDatabaseHandle } from "./db";

/** What the application that mounts the simulator tells it; see the README's "Mounting it". */
export interface SimulatorOptions {
  /** The portal's public origin, without a trailing slash: landing URLs, the default webhook URL, the control API's allowed Origin. */
  portalOrigin: string;
  /** Microsoft's APIs, the control API and the storefront; 404 when off. */
  apiEnabled: boolean;
  /** The Entra ID look-alike (sign-in, tokens, discovery); 404 when off. */
  identityEnabled: boolean;
  /** Whom the simulator's webhook tokens are for: the publisher's app (audience) and tenant. */
  webhook: { audience: string; tenantId: string };
  /** Opens the simulator's database on first use; its migrations and seed are applied then. */
  openDatabase: () => SimulatorDatabaseHandle;
}

/** Options for a simulator that plays every part with its built-in identities on `portalOrigin`. */
export function defaultSimulatorOptions(portalOrigin: string, openDatabase: () => SimulatorDatabaseHandle): SimulatorOptions {
  return {
    portalOrigin,
    apiEnabled: true,
    identityEnabled: true,
    webhook: { audience: SIMULATOR_CLIENT_ID, tenantId: SIMULATOR_TENANT_ID },
    openDatabase,
  };
}

type OptionsSource = SimulatorOptions | (() => SimulatorOptions);
const globalForOptions = globalThis as unknown as { simulatorOptions?: OptionsSource };

/**
 * Sets the options once per process, before the first request. A function is read on every
 * request, so a host whose configuration can change (tests) is followed.
 */
export function configureSimulator(options: OptionsSource): void {
  globalForOptions.simulatorOptions = options;
}

export function simulatorOptions(): SimulatorOptions {
  const source = globalForOptions.simulatorOptions;
  if (!source) throw new Error("marketplace-simulator: call configureSimulator() before its first request");
  const options = typeof source === "function" ? source() : source;
  return { ...options, portalOrigin: options.portalOrigin.replace(/\/+$/, "") };
}
