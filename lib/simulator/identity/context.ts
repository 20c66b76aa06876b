import type { DbOrTx } from "@/db/client";
import { getSimulatorDb } from "@/lib/simulator/database";
import { portalOrigin } from "./urls";

/** What every identity endpoint runs with; tests inject their own database, origin and clock. */
export interface IdentityOptions {
  db?: DbOrTx;
  /** The portal's public origin (PUBLIC_BASE_URL); the look-alike is served under `/api/simulator`. */
  origin?: string;
  now?: () => Date;
}

export interface IdentityContext {
  db: DbOrTx;
  origin: string;
  now: () => Date;
}

export async function resolveContext(options: IdentityOptions = {}): Promise<IdentityContext> {
  return {
    db: options.db ?? (await getSimulatorDb()),
    origin: portalOrigin(options.origin),
    now: options.now ?? (() => new Date()),
  };
}
