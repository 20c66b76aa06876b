import { describe, expect, it } from "vitest";
import { filtersOf, parseSubscriptionSearch, searchQuery, sortOf } from "./search-params";

describe("subscription list URL state", () => {
  it("reads filters, drops unknown values and round-trips through the query string", () => {
    const search = parseSubscriptionSearch(
      new URLSearchParams(
        "q=+contoso+&status=Subscribed&status=Bogus&status=Suspended&offer=analytics&test=no&trial=maybe&sort=name&dir=sideways&after=abc",
      ),
    );
    expect(filtersOf(search)).toEqual({
      q: "contoso",
      status: ["Subscribed", "Suspended"],
      offerId: "analytics",
      planId: undefined,
      isTest: false,
      isFreeTrial: undefined,
    });
    expect(sortOf(search)).toEqual({ by: "name", dir: "asc" });
    expect(parseSubscriptionSearch(new URLSearchParams(searchQuery(search).slice(1)))).toEqual(search);
  });

  it("defaults to newest first and starts again at page one when the filter changes", () => {
    const search = parseSubscriptionSearch({ status: "Subscribed", after: "cursor", sort: ["status", "name"] });
    expect(sortOf(parseSubscriptionSearch({}))).toEqual({ by: "created", dir: "desc" });
    expect(search.sort).toBe("status");
    expect(searchQuery(search, { q: "fabrikam" })).toBe("?q=fabrikam&status=Subscribed&sort=status");
    expect(searchQuery(search, { after: "next" })).toBe("?status=Subscribed&sort=status&after=next");
    expect(searchQuery(parseSubscriptionSearch({}))).toBe("");
  });
});
