import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

describe("inlineStyleHashes", () => {
  it("hashes every stylesheet of the build as a CSP source, and nothing else", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "static-"));
    mkdirSync(path.join(root, "chunks"));
    writeFileSync(path.join(root, "chunks", "a.css"), "body{color:red}");
    writeFileSync(path.join(root, "chunks", "a.js"), "console.log(1)");
    const { inlineStyleHashes } = await import("./inline-style-hashes");
    const expected = `sha256-${createHash("sha256").update("body{color:red}").digest("base64")}`;
    expect(inlineStyleHashes(root)).toEqual([expected]);
  });

  it("has none without a build", async () => {
    vi.resetModules();
    const { inlineStyleHashes } = await import("./inline-style-hashes");
    expect(inlineStyleHashes(path.join(tmpdir(), "no-such-build-folder"))).toEqual([]);
  });
});
