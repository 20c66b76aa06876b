import { getApiV1 } from "@/lib/api/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// authenticate key → scope → size limit → zod → lib/metering (lib/api/v1.ts)
export const POST = (request: Request) => getApiV1().postUsage(request);
export const GET = (request: Request) => getApiV1().getUsage(request);
