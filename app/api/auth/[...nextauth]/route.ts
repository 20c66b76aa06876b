import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { getEnv } from "@/lib/env";

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

export const GET = async (req: NextRequest) => handlers.GET(await rebased(req));
export const POST = async (req: NextRequest) => handlers.POST(await rebased(req));
