import type { DbOrTx } from "../db";
import type { SeedPerson } from "../seed-data";
import { findClient } from "./clients";
import { peopleForAuthority, tenantName } from "./directory";
import { openSignInRequest } from "./sign-in-request";

export interface PickerGroup {
  tenantId: string;
  tenantName: string;
  people: SeedPerson[];
}

export type PickerModel =
  | {
      ok: true;
      sealedRequest: string;
      action: string;
      appName: string;
      returnsTo: string;
      loginHint: string | null;
      groups: PickerGroup[];
    }
  | { ok: false; reason: "expired" | "invalid" };

export async function describeSignInRequest(db: DbOrTx, sealed: string | undefined, now: Date): Promise<PickerModel> {
  if (!sealed) return { ok: false, reason: "invalid" };
  const opened = await openSignInRequest(db, sealed, now);
  if (!opened.ok) return opened;
  const { request } = opened;
  const groups = new Map<string, PickerGroup>();
  for (const person of peopleForAuthority(request.authority)) {
    const group = groups.get(person.tenantId) ?? { tenantId: person.tenantId, tenantName: tenantName(person.tenantId), people: [] };
    group.people.push(person);
    groups.set(person.tenantId, group);
  }
  return {
    ok: true,
    sealedRequest: sealed,
    action: `/api/simulator/${request.authority}/login`,
    appName: findClient(request.client_id)?.displayName ?? request.client_id,
    returnsTo: new URL(request.redirect_uri).host,
    loginHint: request.login_hint ?? null,
    groups: [...groups.values()],
  };
}
