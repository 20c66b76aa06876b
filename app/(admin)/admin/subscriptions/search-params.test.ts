import { describe, expect, it } from "vitest";
import { SAVED_VIEWS } from "./_components/filter-chips";
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

  it("reads saved-view windows as days from now, and ignores nonsense", () => {
    const now = new Date("2026-05-10T12:00:00.000Z");
    const search = parseSubscriptionSearch({ status: "PendingFulfillmentStart", older: "7", ends: ["3", "9"] });
    expect(filtersOf(search, now)).toMatchObject({
      purchasedBefore: new Date("2026-05-03T12:00:00.000Z"),
      termEndsBetween: [now, new Date("2026-05-13T12:00:00.000Z")],
    });
    expect(searchQuery(search)).toBe("?status=PendingFulfillmentStart&older=7&ends=3");
    expect(parseSubscriptionSearch({ older: "-1", ends: "soon" })).toMatchObject({ older: undefined, ends: undefined });
  });

  it("spells saved views the way the list spells its own URL, so the current one is marked", () => {
    for (const view of SAVED_VIEWS) expect(searchQuery(parseSubscriptionSearch(new URLSearchParams(view.query.slice(1))))).toBe(view.query);
  });
});
