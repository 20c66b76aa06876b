// node bench/profile-top.mjs FILE.cpuprofile [N] [--last SECONDS] — where a V8 CPU profile's time went
// (`node --cpu-prof`; BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles a benchmark's server):
// the N (default 30) functions with the most self time, self time by package or folder, and total
// (inclusive) time by source file. Frames of the Next.js build are mapped back to their sources
// through its .map files. --last keeps only the profile's final seconds (a benchmark's last phase).
// Samples are wall-clock: on a loaded machine a descheduled thread still collects them, so read
// the shares, not the milliseconds.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const lastAt = args.indexOf("--last");
const lastSeconds = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) : Infinity;
const [file, n = "30"] = args;
if (!file) {
  console.error("usage: node bench/profile-top.mjs FILE.cpuprofile [N] [--last SECONDS]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Time per sampled node, inside the window.
const self = new Map();
const from = profile.endTime - lastSeconds * 1e6;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < from) continue;
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

const maps = new Map();
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const path = url.startsWith("file://") ? fileURLToPath(url) : url;
      if (path.includes("/.next/") && existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8")));
    } catch {}
    maps.set(url, map);
  }
  return maps.get(url);
}

function short(url) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node:internal";
  return url
    .replace(/^file:\/\//, "")
    .replace(`${process.cwd()}/`, "")
    .replace(/^(\.\.\/)+/, "");
}

/** { name, where (package or source file), line } of a frame, through the build's source map. */
const frames = new Map();
function frameOf(id) {
  if (frames.has(id)) return frames.get(id);
  const f = byId.get(id).callFrame;
  let out = { name: f.functionName || "(anonymous)", where: f.url ? short(f.url) : "(native)", line: f.lineNumber + 1 };
  const map = f.url ? sourceMapOf(f.url) : null;
  const entry = map?.findEntry(f.lineNumber, f.columnNumber);
  if (entry?.originalSource) {
    out = { name: entry.name || out.name, where: short(entry.originalSource), line: entry.originalLine + 1 };
  }
  frames.set(id, out);
  return out;
}

const fns = new Map();
const groups = new Map();
const inclusive = new Map();
for (const [id, us] of self) {
  const fr = frameOf(id);
  const key = `${fr.name}  ${fr.where}:${fr.line}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  groups.set(fr.where, (groups.get(fr.where) ?? 0) + us);
  const seen = new Set();
  for (let p = id; p !== undefined; p = parent.get(p)) {
    const w = frameOf(p).where;
    if (w.includes("/") && !seen.has(w)) {
      seen.add(w);
      inclusive.set(w, (inclusive.get(w) ?? 0) + us);
    }
  }
}
const show = (map, count) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([k, us]) => console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`));

const wall = Math.min(lastSeconds, (profile.endTime - profile.startTime) / 1e6);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled over ${wall.toFixed(1)} s ("(idle)" is the thread waiting)\n`);
console.log("top functions by self time");
show(fns, Number(n));
console.log("\nself time by package or folder");
show(groups, 25);
console.log("\ntotal time by source file (the project's and the build's)");
show(new Map([...inclusive].filter(([w]) => !w.startsWith("node_modules") && !w.startsWith("next/") && !w.includes("webpack"))), Number(n));
