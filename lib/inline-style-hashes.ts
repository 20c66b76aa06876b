import "server-only";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

let cached: string[] | undefined;

/**
 * CSP hash sources (`sha256-…`) of the build's stylesheets. With `experimental.inlineCss`
 * (next.config.mjs) Next.js copies each stylesheet into a <style> element without a nonce, so the
 * policy allows exactly these contents and no other inline style.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/style-src
 * A build's files never change while it runs: they are read once. No build folder (development, where
 * stylesheets stay linked) means none.
 */
// The build folder is read at run time, never traced into the standalone output (turbopackIgnore).
export function inlineStyleHashes(root = path.join(/* turbopackIgnore: true */ process.cwd(), ".next", "static")): string[] {
  if (cached) return cached;
  const hashes: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root, { recursive: true, encoding: "utf8" });
  } catch {
    return (cached = hashes);
  }
  for (const entry of entries) {
    if (!entry.endsWith(".css")) continue;
    hashes.push(
      `sha256-${createHash("sha256")
        .update(readFileSync(path.join(root, entry)))
        .digest("base64")}`,
    );
  }
  return (cached = hashes.sort());
}
