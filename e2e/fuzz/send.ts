import type { FuzzCase } from "./cases";

/** What one fuzz case got back: an HTTP status, a connection the server closed early, or an error. */
export type FuzzAnswer = { status: number } | { closed: true } | { error: string };

/** One case's line in a report: where it went and what it was. */
export const describeCase = (index: number, c: FuzzCase) => `#${index} ${c.target}: ${c.method} ${c.path.slice(0, 120)}`;

/**
 * Sends one case and reads the whole answer. A connection the server closed while the body was
 * still being sent (it refused the body, e.g. 413, before reading all of it) is `closed`, not an error.
 */
export async function sendCase(origin: string, c: FuzzCase, timeoutMs: number): Promise<FuzzAnswer> {
  try {
    const res = await fetch(`${origin}${c.path}`, {
      method: c.method,
      headers: c.headers,
      body: c.method === "GET" || c.method === "HEAD" ? undefined : c.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    if (cause === "EPIPE" || cause === "ECONNRESET" || cause === "UND_ERR_SOCKET") return { closed: true };
    return { error: (err as Error).message };
  }
}

export interface FuzzRun {
  /** Cases sent. */
  sent: number;
  /** Answers by HTTP status. */
  byStatus: Map<number, number>;
  /** 5xx answers and errors (not early-closed connections), described. */
  failures: string[];
  /** Connections the server closed early. */
  closed: number;
}

/**
 * Sends cases over `concurrency` connections until `caseAt` runs out (returns undefined) or `more()`
 * says stop; `afterEach` sees every index once its answer is in (e.g. to sample the server's memory).
 */
export async function runCases(opts: {
  origin: string;
  caseAt: (index: number) => FuzzCase | undefined;
  concurrency: number;
  timeoutMs: number;
  more?: () => boolean;
  afterEach?: (index: number) => void;
}): Promise<FuzzRun> {
  const run: FuzzRun = { sent: 0, byStatus: new Map(), failures: [], closed: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (opts.more?.() ?? true) {
        const index = next++;
        const c = opts.caseAt(index);
        if (!c) return;
        const answer = await sendCase(opts.origin, c, opts.timeoutMs);
        run.sent++;
        if ("closed" in answer) run.closed++;
        else if ("error" in answer) run.failures.push(`${describeCase(index, c)}: ${answer.error}`);
        else {
          run.byStatus.set(answer.status, (run.byStatus.get(answer.status) ?? 0) + 1);
          if (answer.status >= 500) run.failures.push(`${describeCase(index, c)} → ${answer.status}`);
        }
        opts.afterEach?.(index);
      }
    }),
  );
  return run;
}

/** "200×12 400×3 …", by status. */
export const statusSummary = (byStatus: Map<number, number>) =>
  [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
