import { getEnv } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of /api/v1; public, like the reference page that renders it. */
export function GET() {
  return Response.json(buildOpenApiDocument(getEnv().publicBaseUrl), { headers: { "cache-control": "public, max-age=300" } });
}
