import type { DbOrTx } from "../db";
import { getSimulatorDb } from "../database";
import { portalOrigin } from "./urls";

export interface IdentityOptions {
  db?: DbOrTx;
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
