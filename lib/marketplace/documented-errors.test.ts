import { describe, expect, it } from "vitest";
import { MarketplaceApiError } from "./errors";
import { CLIENT_CALLS } from "./testing/client-calls";
import { clientWith, stubFetch, type ReplySpec } from "./testing/fetch-stub";

// Bodies in the shapes Microsoft and its emulator use for each status.
const ERROR_REPLIES: Record<number, { reply: ReplySpec; code: string }> = {
  400: {
    reply: { status: 400, body: { code: "BadArgument", message: "One or more errors have occurred.", target: "request" } },
    code: "BadArgument",
  },
  403: { reply: { status: 403, body: "" }, code: "HttpError" },
  404: { reply: { status: 404, body: { code: "EntityNotFound", message: "Not found", target: "subscriptionId" } }, code: "EntityNotFound" },
  409: { reply: { status: 409, body: { error: { code: "Conflict", message: "Operation is not in progress" } } }, code: "Conflict" },
  500: { reply: { status: 500, body: { error: { code: "InternalServerError", message: "Try again" } } }, code: "InternalServerError" },
};

describe.each(CLIENT_CALLS)("$name", (call) => {
  it("succeeds on the documented success reply", async () => {
    const { client, calls } = clientWith(stubFetch(call.success));
    await expect(call.invoke(client)).resolves.not.toThrow();
    expect(calls).toHaveLength(1);
  });

  it.each(call.documentedErrors)("throws MarketplaceApiError on %i", async (status) => {
    const spec = ERROR_REPLIES[status]!;
    const { client, calls } = clientWith(stubFetch(spec.reply));
    const err = await call.invoke(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MarketplaceApiError);
    expect(err).toMatchObject({ status, code: spec.code, operation: call.name });
    const retried = status === 500 && call.idempotent;
    expect(calls).toHaveLength(retried ? 4 : 1);
    expect((err as MarketplaceApiError).retryable).toBe(retried);
  });
});
