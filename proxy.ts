import { NextResponse, type NextRequest } from "next/server";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";

/**
 * Pages only see form-decoded search params, which turn a `+` of the purchase token into a space.
 * Hand the landing page the raw query so it can decode the token exactly once.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(RAW_SEARCH_HEADER, request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: "/landing" };
