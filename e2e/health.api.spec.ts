import { expect, test } from "@playwright/test";

test("health reports the embedded database and the simulator", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  expect(await res.json()).toMatchObject({
    status: "ok",
    database: "pglite",
    marketplace: "simulator",
    signIn: "simulator",
    checks: { database: { ok: true } },
  });
});

test("liveness answers without checking anything, readiness checks the database and its migrations", async ({ request }) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(live.headers()["cache-control"]).toBe("no-store");
  expect(await live.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect(await ready.json()).toMatchObject({
    status: "ready",
    ready: true,
    checks: {
      database: { ok: true },
      migrations: { ok: true },
      workers: { ok: true },
      marketplaceToken: { ok: true, skipped: "simulator mode" },
    },
  });
});
