import { afterEach, beforeEach, expect } from "vitest";
import { setLogSink } from "@/lib/log";

/** One line the portal's logger wrote, parsed (pino's JSON: level, time, msg and the line's fields). */
export type LogLine = { level: string; msg: string } & Record<string, any>;

export interface CapturedLogs {
  readonly lines: LogLine[];
  /** Lines at one level, e.g. `warn`. */
  at(level: string): LogLine[];
  /** Back to standard output and the previous level; returns what was captured. */
  restore(): LogLine[];
}

/**
 * Captures the logger's output instead of printing it, from `level` up (default: everything), so a
 * test can assert the failures it expects and a passing run prints nothing. Every line stays raw
 * JSON too (`raw`), for tests that check what never reaches a line, such as a secret.
 */
export function captureLogs(level = "trace"): CapturedLogs & { raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const previous = setLogSink((line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as LogLine);
  }, level);
  return {
    lines,
    raw,
    at: (l) => lines.filter((line) => line.level === l),
    restore: () => {
      setLogSink(null, previous);
      return lines;
    },
  };
}

/**
 * For suites that are refused on purpose: lib/actions/admin-action.ts logs each refusal as a warning
 * "admin action refused" with { userId, email, role, need }. Call it inside the suite's describe:
 * each test's warnings are captured instead of printed (a passing run prints nothing), and after each
 * test every one of them must be such a refusal, so no other warning is hidden.
 */
export function captureRefusalWarnings(): void {
  let captured: CapturedLogs | undefined;
  beforeEach(() => {
    captured = captureLogs("warn");
  });
  afterEach(() => {
    const lines = captured?.restore() ?? [];
    for (const line of lines) {
      expect(line).toMatchObject({
        level: "warn",
        msg: "admin action refused",
        email: expect.any(String),
        need: expect.stringMatching(/^(viewer|operator|owner)$/),
      });
    }
  });
}
