import { describe, expect, it } from "vitest";
import { deliveryFilters, deliveryQuery, parseDeliverySearch } from "./search-params";

describe("delivery log filters in the URL", () => {
  it("filters by any catalogue event type and ignores unknown ones", () => {
    const search = parseDeliverySearch({ event: "credential.expiring", status: "failed" });
    expect(deliveryFilters(search)).toMatchObject({ eventType: "credential.expiring", status: "failed" });
    expect(deliveryQuery(search)).toBe("?status=failed&event=credential.expiring");
    expect(parseDeliverySearch({ event: "subscription.exploded" }).event).toBeUndefined();
  });
});
