import { getApiV1 } from "@/lib/api/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = (request: Request) => getApiV1().listSubscriptions(request);
