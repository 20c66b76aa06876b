// Starts and stops bench/webhook-bare.mjs as a child process, so the bare handler, like the
// portal's server, has a process (and event loop) of its own, apart from the load generator.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export async function startBareServer(config) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./webhook-bare.mjs", import.meta.url))], {
    env: { ...process.env, NODE_ENV: "production", BENCH_BARE_CONFIG: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare server did not start:\n${log}`)), 30_000);
    child.stdout.on("data", (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bare server exited (${code}):\n${log}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
