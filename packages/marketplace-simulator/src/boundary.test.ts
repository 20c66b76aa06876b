import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL(".", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const specifiers = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);

// The package is reached by its host only over HTTP and through its entry points; it imports
// nothing of the application that mounts it. Tests may borrow the repository's test databases.
describe("the simulator package's imports", () => {
  it("never reach into the portal", () => {
    const offending = sources(SRC).flatMap((file) => {
      const rel = path.relative(SRC, file);
      const testOnly = rel.endsWith(".test.ts") || rel.startsWith(`testing${path.sep}`);
      return specifiers(readFileSync(file, "utf8"))
        .filter((s) => s.startsWith("@/") && !(testOnly && s === "@/test/db"))
        .map((s) => `${rel}: ${s}`);
    });
    expect(offending).toEqual([]);
  });

  it("stay inside the package when relative", () => {
    const root = path.resolve(SRC, "..");
    const escaping = sources(SRC).flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((s) => s.startsWith("."))
        .filter((s) => !path.resolve(path.dirname(file), s).startsWith(root + path.sep))
        .map((s) => `${path.relative(SRC, file)}: ${s}`),
    );
    expect(escaping).toEqual([]);
  });
});
