import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/test/console";
import { EnvError } from "@/lib/env";
import { GENERATED_SECRET_FILE, generatedSecretDir, readOrCreateSecret } from "./secret";

const root = mkdtempSync(path.join(tmpdir(), "portal-secret-"));
let n = 0;
const freshDir = () => path.join(root, `case-${++n}`);
const plant = (dir: string, content: string, mode: number) => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, GENERATED_SECRET_FILE);
  writeFileSync(file, content, { mode });
  chmodSync(file, mode); // past the umask
  return file;
};
const refusal = (dir: string) => {
  try {
    readOrCreateSecret(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as EnvError).message;
  }
  throw new Error("expected the secret file to be refused");
};

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the generated session secret", () => {
  it("is created 0600 in a 0700 folder, and the same folder gives the same secret again", () => {
    const dir = path.join(freshDir(), "pglite");
    const secret = readOrCreateSecret(dir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, GENERATED_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readOrCreateSecret(dir)).toBe(secret);
  });

  it("refuses a file that others can read", () => {
    const dir = freshDir();
    plant(dir, "x".repeat(64), 0o644);
    expect(refusal(dir)).toMatch(/portal-auth-secret is group- or world-accessible \(mode 0644, must be 0600\)/);
    plant(dir, "x".repeat(64), 0o640);
    expect(refusal(dir)).toMatch(/mode 0640/);
  });

  it.skipIf(process.getuid?.() !== 0)("refuses a file another user owns, even with mode 0600", () => {
    const dir = freshDir();
    const file = plant(dir, "x".repeat(64), 0o600);
    chownSync(file, 65534, 65534);
    expect(refusal(dir)).toMatch(/belongs to another user \(uid 65534/);
  });

  it("refuses a symbolic link in its place", () => {
    const dir = freshDir();
    const elsewhere = plant(freshDir(), "x".repeat(64), 0o600);
    mkdirSync(dir, { mode: 0o700 });
    symlinkSync(elsewhere, path.join(dir, GENERATED_SECRET_FILE));
    expect(refusal(dir)).toMatch(/is a symbolic link/);
  });

  it("lives inside the PGlite folder, or .data/ for PostgreSQL, and PGlite still opens there", async () => {
    const dir = path.join(freshDir(), "pglite");
    expect(generatedSecretDir({ database: { kind: "pglite", dir } })).toBe(dir);
    expect(generatedSecretDir({ database: { kind: "postgres", url: "postgres://db/portal" } })).toBe(path.resolve(".data"));
    expect(generatedSecretDir({ database: { kind: "pglite", dir: "memory://x" } })).toBe(path.resolve(".data"));
    const secret = readOrCreateSecret(dir); // before the database exists, as at start-up
    for (let i = 0; i < 2; i++) {
      const db = new PGlite(dir);
      await db.exec("create table if not exists t (a int); insert into t values (1)");
      expect((await db.query<{ n: number }>("select count(*)::int as n from t")).rows[0]!.n).toBe(i + 1);
      await db.close();
    }
    expect(readOrCreateSecret(dir)).toBe(secret);
  }, 120_000); // two PGlite starts, one of them initdb
});

describe("getAuthSecret and start-up", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("ignores a file beside the data folder, where another process's secret was once reused", async () => {
    const parent = freshDir();
    plant(parent, "forged-by-someone-else-".repeat(3), 0o644);
    writeFileSync(path.join(parent, "auth-secret"), "forged-by-someone-else-".repeat(3), { mode: 0o644 });
    vi.stubEnv("PGLITE_DIR", path.join(parent, "pglite"));
    vi.stubEnv("AUTH_SECRET", "");
    vi.resetModules();
    const { getAuthSecret: fresh } = await import("./secret");
    const secret = fresh();
    expect(secret).not.toMatch(/forged/);
    expect(statSync(path.join(parent, "pglite", GENERATED_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it("stops the server at start with one configuration message for an unsafe secret file", async () => {
    const dir = path.join(freshDir(), "pglite");
    plant(dir, "x".repeat(64), 0o644);
    vi.stubEnv("PGLITE_DIR", dir);
    vi.stubEnv("AUTH_SECRET", "");
    vi.resetModules();
    const logs = captureLogs("error");
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const { startServer } = await import("@/lib/startup");
    await expect(startServer()).rejects.toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    const lines = logs.restore();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(
      /^Invalid configuration \(1 problem\):\n {2}- The session secret file .*portal-auth-secret is group- or world-accessible/,
    );
  });

  it("uses AUTH_SECRET when it is set, without touching the data folder", async () => {
    const dir = path.join(freshDir(), "pglite");
    vi.stubEnv("PGLITE_DIR", dir);
    vi.stubEnv("AUTH_SECRET", "configured-".repeat(4));
    vi.resetModules();
    const { getAuthSecret: fresh } = await import("./secret");
    expect(fresh()).toBe("configured-".repeat(4));
    expect(() => statSync(dir)).toThrow(/ENOENT/);
  });
});
