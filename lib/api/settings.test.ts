import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("API_RATE_LIMIT_PER_MINUTE", () => {
  it("defaults to 3000 requests a minute per key, takes 0 to turn the limit off, and refuses anything else", () => {
    expect(parseEnv({}).api.requestsPerMinutePerKey).toBe(3000);
    expect(parseEnv({ API_RATE_LIMIT_PER_MINUTE: "0" }).api.requestsPerMinutePerKey).toBe(0);
    expect(parseEnv({ API_RATE_LIMIT_PER_MINUTE: "12000" }).api.requestsPerMinutePerKey).toBe(12000);
    for (const bad of ["-1", "lots", "1.5"]) {
      expect(() => parseEnv({ API_RATE_LIMIT_PER_MINUTE: bad })).toThrow(EnvError);
    }
  });
});
