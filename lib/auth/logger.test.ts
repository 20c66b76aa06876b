import { CallbackRouteError, UnknownAction } from "@auth/core/errors";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogs, type CapturedLogs } from "@/test/console";
import { authLogger } from "./logger";

describe("Auth.js errors in the portal's log", () => {
  let logs: CapturedLogs | undefined;
  afterEach(() => logs?.restore());

  it("logs an error the caller caused as one warning, without a stack", () => {
    logs = captureLogs();
    authLogger.error(new UnknownAction("Cannot parse action at /api/auth/F9_"));
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({
      level: "warn",
      msg: "sign-in: request refused",
      authError: "UnknownAction",
      reason: "Cannot parse action at /api/auth/F9_",
    });
    expect(logs.lines[0]!.err).toBeUndefined();
  });

  it("logs the portal's own failure as an error with its cause", () => {
    logs = captureLogs();
    authLogger.error(new CallbackRouteError("callback failed", { cause: { err: new Error("token endpoint unreachable") } }));
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({ level: "error", authError: "CallbackRouteError" });
    expect(logs.lines[0]!.err.message).toBe("token endpoint unreachable");
    expect(logs.lines[0]!.err.stack).toContain("token endpoint unreachable");
  });

  it("logs Auth.js's warnings by code", () => {
    logs = captureLogs();
    authLogger.warn("debug-enabled");
    expect(logs.at("warn")).toMatchObject([{ authWarning: "debug-enabled" }]);
  });
});
