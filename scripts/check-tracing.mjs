// Manual check of tracing on the production server: starts a local OTLP/HTTP receiver and
// `node server.mjs` pointed at it (simulator mode, a throw-away PGlite folder), opens a few pages,
// and prints the spans that arrive. Needs a build (`npm run build`).
//   node scripts/check-tracing.mjs [port]        (default 3361; the receiver takes port + 1)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

const port = Number(process.argv[2] ?? 3361);
const spans = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (req.url === "/v1/traces") {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      for (const r of body.resourceSpans ?? [])
        for (const s of r.scopeSpans ?? []) for (const span of s.spans ?? []) spans.push({ scope: s.scope?.name, name: span.name });
    }
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise((resolve) => receiver.listen(port + 1, "127.0.0.1", resolve));

const dir = mkdtempSync(path.join(tmpdir(), "portal-trace-"));
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], {
  cwd: path.join(import.meta.dirname, ".."),
  env: {
    ...process.env,
    PUBLIC_BASE_URL: base,
    PGLITE_DIR: path.join(dir, "pglite"),
    DATABASE_URL: "",
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port + 1}`,
    OTEL_BSP_SCHEDULE_DELAY: "500",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "inherit", "inherit"],
});
const stop = () => {
  server.kill("SIGTERM");
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
};
try {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error("the server did not start");
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const p of ["/", "/simulator", "/admin"]) await fetch(`${base}${p}`, { redirect: "manual" });
  await new Promise((r) => setTimeout(r, 3_000));
  const byScope = {};
  for (const s of spans) (byScope[s.scope ?? "?"] ??= []).push(s);
  for (const [scope, list] of Object.entries(byScope))
    console.log(`${scope}: ${list.length} span(s), e.g. ${[...new Set(list.map((s) => s.name))].slice(0, 5).join(" | ")}`);
  if (spans.length === 0) throw new Error("no span reached the receiver");
} finally {
  stop();
}
