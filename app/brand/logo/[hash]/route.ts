import { getDb } from "@/db";
import { getBrandLogo } from "@/db/queries/brand";
import { LOGO_HASH } from "@/lib/brand/logo";

/**
 * An ISV's logo, for buyer pages and e-mails: public like the pages that show it. The address is
 * the SHA-256 of the bytes, so a response never goes stale and may be cached for a year; a new
 * logo gets a new address. The type was sniffed from the bytes on upload, and `nosniff` keeps
 * browsers from guessing another.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ hash: string }> }) {
  const { hash } = await params;
  if (!LOGO_HASH.test(hash)) return new Response("Not found", { status: 404 });
  const logo = await getBrandLogo(await getDb(), hash);
  if (!logo) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(logo.data), {
    headers: {
      "Content-Type": logo.contentType,
      "Content-Length": String(logo.size),
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"${hash}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}
