import "server-only";
import { pino, type DestinationStream, type Logger } from "pino";
import { getEnv } from "@/lib/env";
import { defaultLogLevel, loggerOptions } from "./config.mjs";

export { annotateRequest, currentRequestId, outsideRequest } from "./request-context.mjs";

/**
 * The portal's logger (pino): JSON lines on standard output, pretty-printed in development, with
 * secrets redacted (lib/log/config.mjs) and the current request's ID on every line. Built on first
 * use from LOG_LEVEL; an invalid configuration still gets a logger, so its problems can be logged.
 */
export type LogFn = { (obj: object, msg?: string): void; (msg: string): void };
export interface PortalLogger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

type LogState = { logger?: Logger; sink?: ((line: string) => void) | null };
// On globalThis: the start-up code and each route are separate bundles, and tests swap the sink once for all.
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for("marketplace-portal.logger")] ??= {}) as LogState;

function create(): Logger {
  let level: string;
  let nodeEnv: string;
  try {
    ({ logLevel: level, nodeEnv } = getEnv());
  } catch {
    nodeEnv = "production";
    level = defaultLogLevel(nodeEnv);
  }
  const options = loggerOptions({ level, nodeEnv });
  if (options.transport) return pino(options);
  // Through a sink that tests can replace (test/console.ts), so that expected failures are asserted, not printed.
  const destination: DestinationStream = { write: (line) => (state.sink ? state.sink(line) : process.stdout.write(line)) };
  return pino(options, destination);
}

/** The underlying pino logger, e.g. for a child with fixed fields. */
export function rootLogger(): Logger {
  state.logger ??= create();
  return state.logger;
}

const method =
  (level: keyof PortalLogger): LogFn =>
  (...args: [object | string, string?]) =>
    (rootLogger()[level] as (...a: unknown[]) => void)(...args);

export const log: PortalLogger = {
  fatal: method("fatal"),
  error: method("error"),
  warn: method("warn"),
  info: method("info"),
  debug: method("debug"),
};

/** Tests only: send every line to `sink` (null: back to standard output), at `level` if given. */
export function setLogSink(sink: ((line: string) => void) | null, level?: string): string {
  const logger = rootLogger();
  const previous = logger.level;
  state.sink = sink;
  if (level) logger.level = level;
  return previous;
}

/**
 * The logger in console's shape, for the modules that take an injectable `log` (tests pass a quiet
 * one): the message stays the message, an Error goes under `err`, an object's fields are kept.
 */
export const logConsole: Pick<Console, "info" | "warn" | "error"> = {
  info: (msg?: unknown, ...rest: unknown[]) => log.info(fieldsOf(rest), String(msg)),
  warn: (msg?: unknown, ...rest: unknown[]) => log.warn(fieldsOf(rest), String(msg)),
  error: (msg?: unknown, ...rest: unknown[]) => log.error(fieldsOf(rest), String(msg)),
};

function fieldsOf(rest: unknown[]): object {
  if (rest.length === 0) return {};
  if (rest.length === 1) {
    const [only] = rest;
    if (only instanceof Error) return { err: only };
    if (only && typeof only === "object" && !Array.isArray(only)) return only;
    return { detail: only };
  }
  return { details: rest };
}
