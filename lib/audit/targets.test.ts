import { describe, expect, it } from "vitest";
import { auditTargetHref, splitPlanTarget } from "./targets";

describe("audit target links", () => {
  it("links each target to the page that shows it", () => {
    const id = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
    expect(auditTargetHref("subscription", id)).toBe(`/admin/subscriptions/${id.toLowerCase()}`);
    expect(auditTargetHref("subscription", "not-a-guid")).toBeNull();
    expect(auditTargetHref("plan", "contoso analytics/pro")).toBe("/admin/catalogue/contoso%20analytics");
    expect(auditTargetHref("staff", "ops@isv.example")).toBe("/admin/staff");
    expect(auditTargetHref("api_key", id)).toBe("/admin/api-keys");
    expect(auditTargetHref("notification_channel", id)).toBe("/admin/notifications");
    expect(auditTargetHref("outbound_endpoint", id)).toBe(`/admin/outbound/${id}`);
    expect(auditTargetHref("credential", "x")).toBeNull();
  });

  it("splits a plan target into offer and plan", () => {
    expect(splitPlanTarget("offer/plan/x")).toEqual(["offer", "plan/x"]);
    expect(splitPlanTarget("plans")).toEqual([null, null]);
  });
});
