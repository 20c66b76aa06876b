import { afterEach, beforeEach, expect, vi, type MockInstance } from "vitest";

/**
 * For suites that are refused on purpose: lib/actions/admin-action.ts logs each refusal with
 * console.warn("admin action refused", { userId, email, role, need }). Call it inside the suite's
 * describe: each test's warnings are captured instead of printed (a passing run prints nothing), and
 * after each test every one of them must be such a refusal, so no other warning is hidden.
 */
export function captureRefusalWarnings(): void {
  let warn: MockInstance<typeof console.warn> | undefined;
  beforeEach(() => {
    warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => {
    const calls = warn?.mock.calls ?? [];
    warn?.mockRestore();
    for (const call of calls) {
      expect(call).toEqual([
        "admin action refused",
        expect.objectContaining({ email: expect.any(String), need: expect.stringMatching(/^(viewer|operator|owner)$/) }),
      ]);
    }
  });
}
