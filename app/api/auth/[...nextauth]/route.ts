import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { clientAddressOf, consumeAbuseLimit } from "@/lib/rate-limit";
import { tooManyRequests } from "@/lib/rate-limit/refuse";

/**
 * Auth.js derives its callback URL from the request URL, which Next.js builds from its own
 * listening address. Rebase every auth request on the configured public origin so the
 * redirect_uri sent to the identity provider is the same at the authorize and token steps.
 */
async function rebased(req: NextRequest): Promise<NextRequest> {
  const url = new URL(req.nextUrl.pathname + req.nextUrl.search, getEnv().publicBaseUrl);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new NextRequest(url, { method: req.method, headers: req.headers, body });
}

/** Sign-in starts (`/api/auth/signin/<provider>`) count against the caller's address; nothing else here does. */
async function limited(req: NextRequest): Promise<Response | null> {
  if (!/^\/api\/auth\/signin(\/|$)/.test(req.nextUrl.pathname)) return null;
  const decision = await consumeAbuseLimit(
    "signInStart",
    clientAddressOf((name) => req.headers.get(name)),
  );
  return decision.allowed ? null : tooManyRequests(decision.retryAfterSeconds, "sign-in attempts");
}

export const GET = async (req: NextRequest) => (await limited(req)) ?? handlers.GET(await rebased(req));
export const POST = async (req: NextRequest) => (await limited(req)) ?? handlers.POST(await rebased(req));
