import { describe, expect, it } from "vitest";
import { accountSubscriptionId, listBrandOffer } from "./brand-offer";

const ID = "0a1b2c3d-0000-4000-8000-00000000000a";

describe("listBrandOffer", () => {
  it("is the one offer when every subscription is of it", () => {
    expect(listBrandOffer([{ offerId: "contoso-analytics" }, { offerId: "contoso-analytics" }])).toBe("contoso-analytics");
  });

  it("is none (the portal's brand) when the subscriptions span several offers, or there are none", () => {
    expect(listBrandOffer([{ offerId: "contoso-analytics" }, { offerId: "contoso-teamwork" }])).toBeNull();
    expect(listBrandOffer([])).toBeNull();
  });
});

describe("accountSubscriptionId", () => {
  it("reads the subscription of its own page", () => {
    expect(accountSubscriptionId(`/account/${ID}`)).toBe(ID);
    expect(accountSubscriptionId(`/account/${ID}/`)).toBe(ID);
  });

  it("is none for the list, deeper paths and anything that is not an ID", () => {
    expect(accountSubscriptionId("/account")).toBeNull();
    expect(accountSubscriptionId("/account/not-an-id")).toBeNull();
    expect(accountSubscriptionId(`/account/${ID}/more`)).toBeNull();
    expect(accountSubscriptionId(`/landing/${ID}`)).toBeNull();
  });
});
