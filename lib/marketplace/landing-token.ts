/**
 * Decodes the landing page's raw `token` query value exactly once, percent-decoding only: form decoding
 * turns `+` into a space, and Microsoft's emulator sends raw base64 whose `+ / =` must survive. A raw
 * value holds no literal space, so a space is a form-decoded `+` and is restored; malformed escapes
 * mean the value was never encoded.
 */
export function decodeLandingToken(rawQueryValue: string): string {
  const value = rawQueryValue.replaceAll(" ", "+");
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Reads `token` from a landing URL or raw search string ("?a=b" or "a=b") without form decoding. */
export function readLandingToken(url: string | URL, param = "token"): string | undefined {
  const search = typeof url === "string" ? rawSearch(url) : url.search;
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const eq = pair.indexOf("=");
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (name !== param) continue;
    const token = decodeLandingToken(eq === -1 ? "" : pair.slice(eq + 1));
    return token === "" ? undefined : token;
  }
  return undefined;
}

function rawSearch(url: string): string {
  const withoutHash = url.split("#", 1)[0] ?? "";
  const q = withoutHash.indexOf("?");
  if (q !== -1) return withoutHash.slice(q);
  return withoutHash.startsWith("/") || withoutHash.includes("://") ? "" : withoutHash;
}
