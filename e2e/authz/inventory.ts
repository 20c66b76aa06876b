import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** What the production build and the app folder actually contain, to compare with the matrix. */

export interface BuiltAction {
  /** `<file>#<export>`, the matrix's key. */
  key: string;
  id: string;
  /** Pages whose bundle holds the action, e.g. `app/(admin)/admin/staff/page`. */
  workers: string[];
}

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

/** Every server action of the build, from `.next/server/server-reference-manifest.json`. */
export function builtActions(root = process.cwd()): BuiltAction[] {
  const file = path.join(root, ".next/server/server-reference-manifest.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx next build\` before the end-to-end tests.`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry>; edge: Record<string, ManifestEntry> };
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, e]) => ({
    key: `${e.filename}#${e.exportedName}`,
    id,
    workers: Object.keys(e.workers),
  }));
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** `<METHOD> <path>` for every HTTP method exported by every `route.ts` under app/. */
export function routeHandlers(root = process.cwd()): string[] {
  const out: string[] = [];
  for (const file of walk(path.join(root, "app"))) {
    if (!/^route\.(ts|tsx|js|mjs)$/.test(path.basename(file))) continue;
    const route = urlPathOf(path.relative(path.join(root, "app"), path.dirname(file)));
    for (const method of exportedMethods(readFileSync(file, "utf8"))) out.push(`${method} ${route}`);
  }
  return out.sort();
}

/** Route groups `(name)` are not part of the URL; dynamic segments keep their brackets. */
export function urlPathOf(dir: string): string {
  const segments = dir.split(path.sep).filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** The page a worker such as `app/(admin)/admin/staff/page` renders, or null for a dynamic one. */
export function pageOfWorker(worker: string): string | null {
  if (!worker.startsWith("app/") || !worker.endsWith("/page") || worker.includes("[")) return null;
  return urlPathOf(worker.slice("app/".length, -"/page".length).split("/").join(path.sep));
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let|var)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return METHODS.filter((method) => found.has(method));
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}
