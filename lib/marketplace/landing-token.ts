/**
 * Turns the landing page's raw `token` query value into the purchase token for resolve.
 *
 * Microsoft URL-encodes the token once; it must be decoded exactly once, with
 * percent-decoding only. Form decoding (URLSearchParams, Next's `searchParams`) turns a
 * literal `+` into a space and corrupts base64, and Microsoft's emulator sends the raw
 * base64 unencoded, so `+`, `/` and `=` must survive. A raw query value cannot hold a
 * literal space, so any space was a `+` before someone form-decoded it and is restored.
 * A malformed percent sequence means the value was not encoded: it is returned as is.
 */
export function decodeLandingToken(rawQueryValue: string): string {
  const value = rawQueryValue.replaceAll(" ", "+");
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Reads `token` from a full landing URL without form decoding, then decodes it once.
 * Returns undefined when the URL carries no token.
 */
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
  return q === -1 ? "" : withoutHash.slice(q);
}
