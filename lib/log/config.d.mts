import type { LoggerOptions } from "pino";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export declare const REQUEST_CONTEXT_KEY: unique symbol;
export declare const LOG_LEVELS: readonly LogLevel[];
export declare const REDACT_PATHS: string[];
/** The level LOG_LEVEL asks for, the environment's default when unset, or null when it names no level. */
export declare function parseLogLevel(raw: string | undefined, nodeEnv: string | undefined): LogLevel | null;
export declare function defaultLogLevel(nodeEnv: string | undefined): LogLevel;
export declare function redactUrl(url: string): string;
export declare function loggerOptions(o: { level: string; nodeEnv: string | undefined; name?: string }): LoggerOptions;
