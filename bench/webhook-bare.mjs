// The comparison: a bare node:http server doing what POST /api/webhook does per call — RS256
// verification of the bearer token with jose (same key, same claim checks) and the same INSERT
// into webhook_inbox — with nothing else. Run as a child process by webhook.mjs.
import { createServer } from "node:http";
import { importJWK, jwtVerify } from "jose";

const env = JSON.parse(process.env.BENCH_BARE_CONFIG ?? "{}");
const key = await importJWK(env.publicJwk, "RS256");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSERT =
  "insert into webhook_inbox (operation_id, subscription_id, action, payload, headers, decision) values ($1, $2, $3, $4, $5, 'accepted') " +
  "on conflict (operation_id) do nothing returning id";

// One statement, prepared on each connection, with no explicit transaction: as the portal inserts
// a call that needs no decision (db/queries/webhook-inbox.ts).
let insert;
if (env.kind === "postgres") {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: env.url, max: 10 }); // the portal's pool size
  insert = async (values) => (await pool.query({ name: "webhook_inbox_insert", text: INSERT, values })).rows.length;
} else {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(env.dir);
  insert = async (values) => (await db.query(INSERT, values)).rows.length;
}

async function handle(req, res) {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!token) return res.writeHead(401).end();
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["RS256"],
      audience: env.audience,
      issuer: env.issuers,
      clockTolerance: 60,
      requiredClaims: ["exp", "tid"],
    });
    if (payload.tid !== env.tenantId || !env.appIds.includes(payload.azp ?? payload.appid)) return res.writeHead(401).end();
  } catch {
    return res.writeHead(401).end();
  }
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > 64 * 1024) return res.writeHead(413).end();
    chunks.push(c);
  }
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return res.writeHead(400).end();
  }
  if (!GUID.test(body?.id ?? "") || !GUID.test(body?.subscriptionId ?? "") || typeof body.action !== "string")
    return res.writeHead(400).end();
  const headers = { "content-type": req.headers["content-type"] ?? "" };
  await insert([body.id.toLowerCase(), body.subscriptionId.toLowerCase(), body.action, JSON.stringify(body), JSON.stringify(headers)]);
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end('{"status":"queued"}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
