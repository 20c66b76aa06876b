import { randomBytes } from "node:crypto";
import { expect, test, type APIResponse } from "@playwright/test";
import { LANDING_RESOLVES_PER_MINUTE, SIGN_IN_STARTS_PER_MINUTE, WEBHOOK_UNAUTHENTICATED_PER_MINUTE } from "@/lib/rate-limit/limits";

// Every call here comes from 127.0.0.1, like the authorization matrix's: this project runs after the
// others (playwright.config.ts), and each check goes on until the limit answers, whatever they used.
const unknownToken = () => randomBytes(48).toString("base64url");
// A client cannot choose its bucket: server.mjs replaces the internal header. (X-Forwarded-For is
// trusted for one hop in this suite; that a client cannot choose it without trusted proxies is
// lib/rate-limit/client-address.test.ts's.)
const spoofed = () => ({ "x-portal-client-ip": `192.0.2.${randomBytes(1)[0]}` });

async function untilRefused(limit: number, call: () => Promise<APIResponse>, refused: (res: APIResponse) => Promise<boolean>) {
  for (let i = 0; i <= limit; i++) {
    const res = await call();
    if (await refused(res)) return res;
  }
  throw new Error(`no refusal after ${limit + 1} calls`);
}

test("the landing page says 'Too many attempts' once an address has resolved too many unknown tokens", async ({ page, request }) => {
  await untilRefused(
    LANDING_RESOLVES_PER_MINUTE.points,
    () => request.get(`/landing?token=${unknownToken()}`, { headers: spoofed() }),
    async (res) => (await res.text()).includes("Too many attempts"),
  );
  await page.goto(`/landing?token=${unknownToken()}`);
  await expect(page.getByRole("heading", { name: "Too many attempts" })).toBeVisible();
  await expect(page.getByText(/Try again in \d+ seconds? with the same link/)).toBeVisible();
});

test("sign-in starts over the limit get 429 with Retry-After, and the sign-in button a 'Too many attempts' page", async ({
  page,
  request,
}) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await untilRefused(
    SIGN_IN_STARTS_PER_MINUTE.points,
    () =>
      request.post("/api/auth/signin/microsoft-entra-id", { headers: spoofed(), form: { csrfToken, callbackUrl: "/" }, maxRedirects: 0 }),
    async (r) => r.status() === 429,
  );
  expect(Number(res.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await res.text()).toContain("Too many sign-in attempts");

  // The button's server action starts sign-in without /api/auth, and counts against the same limit.
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(page).toHaveURL(/\/too-many-attempts\?retry=\d+/);
  await expect(page.getByRole("heading", { name: "Too many attempts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go back" })).toHaveAttribute("href", "/account");
});

test("unauthenticated webhook calls over the limit get 429 with Retry-After", async ({ request }) => {
  const post = () => request.post("/api/webhook", { headers: { ...spoofed(), authorization: "Bearer forged" }, data: { id: "x" } });
  const res = await untilRefused(WEBHOOK_UNAUTHENTICATED_PER_MINUTE.points, post, async (r) => r.status() === 429);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await post()).status()).toBe(429);
});
