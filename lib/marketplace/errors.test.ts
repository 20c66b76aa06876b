import { describe, expect, it } from "vitest";
import { MarketplaceApiError, isMarketplaceApiError, parseErrorBody } from "./errors";

describe("parseErrorBody", () => {
  it("reads the spec's {error:{code,message}}", () => {
    expect(parseErrorBody('{"error":{"code":"InternalServerError","message":"boom"}}')).toMatchObject({
      code: "InternalServerError",
      message: "boom",
    });
  });

  it("reads the flat {code,message,target,details} shape", () => {
    const body = { code: "EntityNotFound", message: "Subscription not found", target: "subscriptionId", details: [{ code: "x" }] };
    expect(parseErrorBody(JSON.stringify(body))).toEqual(body);
  });

  it("reads ASP.NET's {Error:{Code,Message}}", () => {
    expect(parseErrorBody('{"Error":{"Code":"UnsupportedApiVersion","Message":"nope"}}')).toMatchObject({
      code: "UnsupportedApiVersion",
      message: "nope",
    });
  });

  it("reads metering's {code,message,additionalInfo}", () => {
    const parsed = parseErrorBody(
      '{"code":"Conflict","message":"This usage event already exist.","additionalInfo":{"acceptedMessage":{}}}',
    );
    expect(parsed).toMatchObject({ code: "Conflict", details: { acceptedMessage: {} } });
  });

  it.each(["", "not json", "[]", "null", '"text"', '{"message":""}'])("returns nothing useful for %j", (text) => {
    expect(parseErrorBody(text).code).toBeUndefined();
  });

  it("reads a message-only body (emulator 409)", () => {
    expect(parseErrorBody('{"message":"4d1f"}')).toMatchObject({ code: undefined, message: "4d1f" });
  });
});

describe("MarketplaceApiError", () => {
  it("carries status, code, ids and is recognisable", () => {
    const err = new MarketplaceApiError({
      status: 404,
      code: "EntityNotFound",
      message: "getSubscription: HTTP 404",
      operation: "getSubscription",
      retryable: false,
      requestId: "r",
      correlationId: "c",
      body: "{}",
    });
    expect(err).toBeInstanceOf(Error);
    expect(isMarketplaceApiError(err)).toBe(true);
    expect(err.name).toBe("MarketplaceApiError");
    expect(err.toJSON()).toMatchObject({ status: 404, code: "EntityNotFound", requestId: "r", correlationId: "c" });
    expect(JSON.stringify(err)).not.toContain("stack");
  });
});
