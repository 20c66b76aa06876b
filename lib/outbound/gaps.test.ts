import { describe, expect, it } from "vitest";
import { eventTypeFor } from "./event-types";
import { trackGaps } from "./gaps";

const now = new Date("2026-03-01T10:00:00Z");
const earlier = "2026-03-01T09:59:00.000Z";

describe("audit cursor gaps", () => {
  it("moves to the highest id read and remembers the ids it skipped", () => {
    expect(trackGaps(10, [], [11, 12, 15, 16, 19], now)).toEqual({
      lastAuditId: 19,
      gaps: [
        { from: 13, to: 14, seenAt: now.toISOString() },
        { from: 17, to: 18, seenAt: now.toISOString() },
      ],
    });
  });

  it("fills gaps as their ids turn up, keeping when each was first seen", () => {
    const gaps = [{ from: 13, to: 17, seenAt: earlier }];
    expect(trackGaps(20, gaps, [14, 16, 21], now)).toEqual({
      lastAuditId: 21,
      gaps: [
        { from: 13, to: 13, seenAt: earlier },
        { from: 15, to: 15, seenAt: earlier },
        { from: 17, to: 17, seenAt: earlier },
      ],
    });
    expect(trackGaps(20, [{ from: 13, to: 13, seenAt: earlier }], [13], now)).toEqual({ lastAuditId: 20, gaps: [] });
  });

  it("stays put when nothing was read", () => {
    expect(trackGaps(7, [], [], now)).toEqual({ lastAuditId: 7, gaps: [] });
  });
});

describe("audit actions as outbound events", () => {
  it.each([
    ["subscription.activated", {}, "subscription.activated"],
    ["subscription.subscribed", {}, "subscription.activated"],
    ["subscription.plan_changed", {}, "subscription.changed"],
    ["subscription.quantity_changed", {}, "subscription.changed"],
    ["subscription.unsubscribed", {}, "subscription.cancelled"],
    ["operation.rejected", {}, "subscription.change_rejected"],
    ["subscription.confirmed", { provisioningState: { from: "new", to: "awaiting_approval" } }, "subscription.pending"],
    ["subscription.confirmed", { provisioningState: { from: "new", to: "activating" } }, null],
    ["subscription.plan_change_requested", {}, null],
    ["staff.added", {}, null],
  ])("%s %j → %s", (action, changes, expected) => {
    expect(eventTypeFor({ action, changes })).toBe(expected);
  });
});
