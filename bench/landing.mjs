// bench/landing: server time of the landing page against the simulator, and its first-load JS.
//   npm run build && node bench/landing.mjs [--purchases 100] [--revisits 300]
// First visits resolve a fresh purchase token with the marketplace; revisits read the
// remembered subscription. Targets: p95 under 150 ms, first-load JS at most 120 KB gzipped.
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import { startServer, summarise, timed } from "./lib.mjs";

const { values } = parseArgs({ options: { purchases: { type: "string", default: "100" }, revisits: { type: "string", default: "300" } } });
const purchases = Math.min(Number(values.purchases), 1000);
const revisits = Math.min(Number(values.revisits), 5000);

// A signed-in buyer: the session cookie is minted with the server's own secret.
const AUTH_SECRET = "bench-landing-secret-0123456789abcdefghijklmnop";
const cookieName = "authjs.session-token";
const session = await encode({
  salt: cookieName,
  secret: AUTH_SECRET,
  token: {
    sub: "0b1c5e9e-0000-4000-8000-00000000a1e1",
    email: "alex@contoso.example",
    name: "Alex Wilber",
    tid: "c0a70500-0000-4000-8000-000000000001",
  },
});
const headers = { cookie: `${cookieName}=${session}` };

const server = await startServer({ env: { AUTH_SECRET } });
try {
  const sim = `${server.baseUrl}/api/simulator/_sim`;
  const offers = await (await fetch(`${sim}/offers`)).json();
  const offer = (offers.offers ?? offers).find((o) => o.id === "contoso-analytics") ?? (offers.offers ?? offers)[0];
  const planId = offer.plans.find((p) => !p.isPrivate)?.planId ?? offer.plans[0].planId;

  const tokens = [];
  for (let i = 0; i < purchases; i++) {
    const r = await fetch(`${sim}/purchases`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        offerId: offer.id,
        planId,
        purchaser: { email: `bench${i}@contoso.example`, tenantId: "c0a70500-0000-4000-8000-000000000001" },
      }),
    });
    if (!r.ok) throw new Error(`purchase failed: ${r.status} ${await r.text()}`);
    tokens.push((await r.json()).token);
  }
  // Warm-up: compile paths, open the database, fetch the first API token.
  await fetch(`${server.baseUrl}/landing?token=${encodeURIComponent(tokens[0])}`, { headers }).then((r) => r.text());

  const first = [];
  for (const t of tokens.slice(1)) {
    const [ms, res] = await timed(() =>
      fetch(`${server.baseUrl}/landing?token=${encodeURIComponent(t)}`, { headers }).then(async (r) => [r.status, await r.text()]),
    );
    if (res[0] !== 200) throw new Error(`landing answered ${res[0]}`);
    first.push(ms);
  }
  const again = [];
  for (let i = 0; i < revisits; i++) {
    const t = tokens[1 + (i % (tokens.length - 1))];
    const [ms] = await timed(() => fetch(`${server.baseUrl}/landing?token=${encodeURIComponent(t)}`, { headers }).then((r) => r.text()));
    again.push(ms);
  }

  // First-load JS: every script the landing page's HTML pulls in, gzipped as served.
  const html = await (await fetch(`${server.baseUrl}/landing?token=${encodeURIComponent(tokens[1])}`, { headers })).text();
  if (!html.includes("Confirm your purchase")) throw new Error("the landing page did not show the signed-in confirmation form");
  // Modern browsers skip `nomodule` scripts (Next's legacy polyfills), so they are not counted.
  const scripts = [
    ...new Set(
      [...html.matchAll(/<script([^>]+)>/g)]
        .map((m) => m[1])
        .filter((a) => !/\bnomodule\b/i.test(a))
        .map((a) => a.match(/src="([^"]+)"/)?.[1])
        .filter(Boolean),
    ),
  ];
  let gz = 0;
  for (const src of scripts) gz += gzipSync(Buffer.from(await (await fetch(new URL(src, server.baseUrl))).arrayBuffer())).length;

  const result = {
    firstVisit: summarise(first),
    revisit: summarise(again),
    firstLoadJsKbGzip: Math.round((gz / 1024) * 10) / 10,
    scripts: scripts.length,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `landing first visit (resolve): median ${result.firstVisit.median} ms, p95 ${result.firstVisit.p95} ms; ` +
      `revisit: median ${result.revisit.median} ms, p95 ${result.revisit.p95} ms; first-load JS ${result.firstLoadJsKbGzip} KB gzipped`,
  );
} finally {
  server.stop();
}
