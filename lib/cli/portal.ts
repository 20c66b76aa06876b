import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { claimPgliteFolder, PgliteBusyError, pgliteFolderHolderOf } from "@/db/pglite-lock";
import {
  API_KEY_ERRORS,
  API_KEY_SCOPES,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyScope,
  type ApiKeySummary,
} from "@/lib/api-keys/service";
import { EnvError, getEnv } from "@/lib/env";
import { parseUsageSubmitArgs } from "@/lib/metering/cli";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: npm run -s portal -- <command>
  api-keys create --name NAME --scopes usage:write,subscriptions:read [--expires ISO-DATE]
                  prints only the new key on stdout (it is shown once)
  api-keys list [--json]
  api-keys revoke ID
  doctor          checks the configuration against the running world, one line per check;
                  exits non-zero on any failure
  sync            one reconciliation sync with Microsoft now (drift in Microsoft-owned fields is
                  applied unless turned off in Settings); exits non-zero unless it succeeds
  usage submit [--concurrency N]
                  one metering submission pass now (N batches in flight, default 4)
Database: DATABASE_URL (PostgreSQL), else the PGlite folder PGLITE_DIR (default .data/pglite),
which must not be open in a running server.`;

class UsageError extends Error {}

/** The `portal` command line (scripts/portal.ts). Returns the exit code. */
export async function runPortalCli(
  argv: string[],
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number> {
  const [group, command, ...rest] = argv;
  const key = `${group ?? ""} ${command ?? ""}`.trim();
  try {
    if (!group || group === "--help" || group === "-h" || group === "help") {
      io.out(USAGE);
      return 0;
    }
    const run = COMMANDS[key];
    if (!run) throw new UsageError(`unknown command "${key}"`);
    return await run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(`portal: ${err.message}\n${USAGE}`);
      return 64; // EX_USAGE
    }
    if (err instanceof EnvError && key === "doctor") {
      const { environmentFailure, formatCheck } = await import("@/lib/doctor/checks");
      io.out(formatCheck(environmentFailure(err.problems)));
      return 1;
    }
    if (err instanceof EnvError || err instanceof DatabaseBusyError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

class DatabaseBusyError extends Error {}

/** Opens and migrates the configured database, unless it is a PGlite folder a running server holds. */
async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>, poolSize = 2): Promise<T> {
  const config = getEnv().database;
  let release = () => {};
  if (config.kind === "pglite") {
    // Claimed for the command's duration: a server starting meanwhile refuses to open the folder.
    try {
      release = claimPgliteFolder(config.dir, "command line", "stop it, or use DATABASE_URL with PostgreSQL.");
    } catch (err) {
      if (err instanceof PgliteBusyError) throw new DatabaseBusyError(`portal: ${err.message}`);
      throw err;
    }
  }
  try {
    const handle = openDatabase(config, { poolSize });
    try {
      await runMigrations(handle);
      return await fn(handle);
    } finally {
      await handle.close();
    }
  } finally {
    release();
  }
}

const cliActor = () => ({ type: "system", id: `cli:${safeUser()}`, email: null }) as const;
function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

function parseScopes(raw: string): ApiKeyScope[] {
  const scopes = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0)
    throw new UsageError(
      `--scopes takes ${API_KEY_SCOPES.join(", ")} (comma-separated)${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`,
    );
  return scopes as ApiKeyScope[];
}

const status = (k: ApiKeySummary, now = Date.now()) =>
  k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt.getTime() <= now ? "expired" : "active";

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  async "api-keys create"(args, io) {
    const { values } = parseArgs({
      args,
      options: { name: { type: "string" }, scopes: { type: "string" }, expires: { type: "string" } },
      strict: true,
    });
    const name = values.name?.trim();
    if (!name || name.length > 100) throw new UsageError("--name is required (at most 100 characters)");
    if (!values.scopes) throw new UsageError("--scopes is required");
    const scopes = parseScopes(values.scopes);
    const expiresAt = values.expires ? new Date(values.expires) : null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new UsageError("--expires takes an ISO 8601 date, e.g. 2027-01-31T00:00:00Z");
    return withDatabase(async ({ db }) => {
      const r = await createApiKey(db, cliActor(), { name, scopes, expiresAt });
      if (!r.ok) {
        io.err(`portal: ${API_KEY_ERRORS[r.code]}`);
        return 1;
      }
      io.out(r.value.key);
      io.err(`Created API key ${r.value.apiKey.id} "${name}" (${scopes.join(", ")}). The key above is shown only once.`);
      return 0;
    });
  },

  async "api-keys list"(args, io) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean" } }, strict: true });
    return withDatabase(async ({ db }) => {
      const keys = await listApiKeys(db);
      if (values.json) {
        io.out(
          JSON.stringify(
            keys.map((k) => ({ ...k, status: status(k) })),
            null,
            2,
          ),
        );
        return 0;
      }
      const date = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");
      const rows = [["ID", "NAME", "PREFIX", "SCOPES", "STATUS", "EXPIRES", "LAST USED", "CREATED BY"]];
      for (const k of keys)
        rows.push([k.id, k.name, `mpk_${k.prefix}`, k.scopes.join(","), status(k), date(k.expiresAt), date(k.lastUsedAt), k.createdBy]);
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows)
        io.out(
          r
            .map((c, i) => c.padEnd(widths[i]!))
            .join("  ")
            .trimEnd(),
        );
      return 0;
    });
  },

  async "api-keys revoke"(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
    const id = positionals[0];
    if (positionals.length !== 1 || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id!))
      throw new UsageError("api-keys revoke takes one key ID (see api-keys list)");
    return withDatabase(async ({ db }) => {
      const r = await revokeApiKey(db, cliActor(), id!.toLowerCase());
      if (!r.ok) {
        io.err(`portal: ${API_KEY_ERRORS[r.code]}`);
        return 1;
      }
      io.out(`Revoked API key ${r.value.id} "${r.value.name}".`);
      return 0;
    });
  },

  async doctor(args, io) {
    parseArgs({ args, options: {}, strict: true });
    const env = getEnv();
    const { formatCheck, runDoctor } = await import("@/lib/doctor/checks");
    const config = env.database;
    const held = config.kind === "pglite" ? pgliteFolderHolderOf(config.dir) : null;
    const checks = await runDoctor(env, {
      databaseSkipReason:
        held === null
          ? undefined
          : `the PGlite folder is held by the running ${held.kind} (PID ${held.pid})${held.kind === "server" ? "; its /api/health/ready checks it" : ""}`,
      async withDb(fn) {
        // Opened as it is, not migrated: the doctor reports a database that is behind.
        const handle = openDatabase(config, { poolSize: 1 });
        try {
          return await fn(handle.db);
        } finally {
          await handle.close();
        }
      },
    });
    for (const check of checks) io.out(formatCheck(check));
    return checks.some((c) => c.status === "fail") ? 1 : 0;
  },

  async sync(_args, io) {
    const [{ runSync }, { buildMarketplaceClient }] = await Promise.all([
      import("@/lib/sync/run-sync"),
      import("@/lib/services/marketplace"),
    ]);
    return withDatabase(async ({ db }) => {
      const run = await runSync(db, buildMarketplaceClient(getEnv()), { startedBy: cliActor().id });
      if (!run) {
        io.err("portal: another sync is running; try again when it has finished");
        return 1;
      }
      io.out(
        `sync ${run.status}: ${run.seen} seen, ${run.imported} imported, ${run.drifted} drifted, ${run.missing} missing${run.error ? `: ${run.error}` : ""}`,
      );
      return run.status === "succeeded" ? 0 : 1;
    });
  },

  async "usage submit"(args) {
    const flags = parseUsageSubmitArgs(args);
    if (!flags) throw new UsageError("usage submit takes only --concurrency N (1-99)");
    // Loaded here: the marketplace client is needed by this command only.
    const [{ runUsageSubmit }, { buildMarketplaceClient }] = await Promise.all([
      import("@/lib/metering/cli"),
      import("@/lib/services/marketplace"),
    ]);
    // A connection for each batch in flight (it records its answer) and one for the next claim.
    return withDatabase(({ db }) => runUsageSubmit(db, buildMarketplaceClient(getEnv()), flags), (flags.concurrency ?? 4) + 1);
  },
};
