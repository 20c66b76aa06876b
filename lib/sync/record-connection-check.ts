import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import type { Env } from "@/lib/env";
import type { Actor } from "@/lib/subscriptions/activate";
import { checkMarketplaceConnection, type ConnectionReport } from "./connection-check";

/** Runs the connection check for a staff member; its outcome, request ID included, goes to the audit log. */
export async function checkConnectionForStaff(db: Db, env: Env, actor: Actor): Promise<ConnectionReport> {
  const report = await checkMarketplaceConnection(env);
  const { token, call } = report;
  await insertAuditEvent(db, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    action: "marketplace.connection_checked",
    targetType: "settings",
    targetId: "marketplace_connection",
    metadata: {
      mode: report.mode,
      tokenOk: token.ok,
      callOk: call.ok,
      status: call.status ?? null,
      requestId: call.requestId ?? null,
      error: call.error ?? token.error ?? null,
    },
  });
  return report;
}
