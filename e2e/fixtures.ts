import { readFile } from "node:fs/promises";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

export const buyers = {
  alex: { email: "alex@contoso.example", tenantId: "c0a70500-0000-4000-8000-000000000001" },
  sam: { email: "sam@contoso.example", tenantId: "c0a70500-0000-4000-8000-000000000001" },
  kim: { email: "kim@fabrikam.example", tenantId: "fab51ca0-0000-4000-8000-000000000002" },
} as const;

export interface Purchase {
  subscriptionId: string;
  token: string;
  landingUrl: string;
}

/** Drives the marketplace simulator's control API: Microsoft's side of every journey. */
export class Simulator {
  constructor(private readonly request: APIRequestContext) {}

  private async json<T>(method: string, path: string, data?: unknown): Promise<T> {
    // Writes go as JSON even without a body: the control API refuses anything else (415).
    const res = await this.request.fetch(`/api/simulator/_sim${path}`, { method, data: method === "GET" ? data : (data ?? {}) });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async reset(config: Record<string, unknown> = {}) {
    await this.json("POST", "/reset");
    await this.json("PUT", "/config", { operationDelayMs: 500, rejectWindowMs: 2000, ...config });
  }

  purchase(body: {
    offerId: string;
    planId: string;
    quantity?: number;
    purchaser: { email: string; tenantId: string };
    beneficiary?: { email: string; tenantId: string };
    autoActivate?: boolean;
    name?: string;
  }) {
    return this.json<Purchase>("POST", "/purchases", body);
  }

  subscription(id: string) {
    return this.json<{ saasSubscriptionStatus: string; planId: string; quantity?: number; apiCalls: Record<string, number> }>(
      "GET",
      `/subscriptions/${id}`,
    );
  }

  action(id: string, action: string, body?: unknown) {
    return this.json("POST", `/subscriptions/${id}/${action}`, body ?? {});
  }

  faults(rules: unknown[]) {
    return this.json("PUT", "/faults", { rules });
  }

  config(values: Record<string, unknown>) {
    return this.json("PUT", "/config", values);
  }
}

/** Signs in through the identity provider in use (the simulator's account picker here). */
export async function signInAs(page: Page, email: string) {
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await page.getByRole("button", { name: new RegExp(email.replace(".", "\\.")) }).click();
}

/** Where the sign-in project keeps an account's signed-in cookies for this run (playwright.config.ts). */
export const signedInStatePath = (email: string) => path.join(process.env.E2E_STATE_DIR ?? "", `${email}.json`);

/** An account's signed-in cookies and storage, as the sign-in project saved them after signing in through the picker. */
export async function savedSignIn(email: string): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  return JSON.parse(await readFile(signedInStatePath(email), "utf8"));
}

/** Signs a page's context in as `email` with the saved session cookies: for journeys that are not about signing in. */
export async function restoreSignIn(page: Page, email: string) {
  await page.context().addCookies((await savedSignIn(email)).cookies);
}

/**
 * Each test is a client of its own, as behind a reverse proxy (the server trusts one hop), so that
 * abuse limits, which count per client address and minute, never carry over from one journey to the
 * next. Addresses from 198.18.0.0/15, the range set aside for such tests (RFC 2544).
 */
const clientAddressOf = (index: number) => `198.18.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`;
let clients = 0;

export const test = base.extend<{ simulator: Simulator }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use) => {
    await use({ ...extraHTTPHeaders, "x-forwarded-for": clientAddressOf(clients++) });
  },
  simulator: async ({ request }, use) => {
    const simulator = new Simulator(request);
    await simulator.reset();
    await use(simulator);
  },
});

export { expect };
