import { getApiV1 } from "@/lib/api/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return getApiV1().getSubscription(request, (await params).id);
}
