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
