import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { MAX_BODY_BYTES } from "./http";
import {
  MAX_EVENTS_PER_REQUEST,
  problemSchema,
  subscriptionDetailSchema,
  subscriptionIdParams,
  subscriptionListQuery,
  subscriptionPageSchema,
  usageHoursSchema,
  usageQuery,
  usageResultSchema,
  usageSubmissionSchema,
} from "./schemas";

const problemContent = { "application/problem+json": { schema: problemSchema } };
const problems = {
  401: { description: "No API key, or one that is not valid, revoked or expired.", content: problemContent },
  403: { description: "The key lacks the scope this operation needs.", content: problemContent },
  429: { description: "The key is over its rate limit; see Retry-After.", content: problemContent },
};
const badRequest = {
  400: { description: "The request does not match the schema; `issues` lists zod's findings.", content: problemContent },
};
const notFound = { 404: { description: "No subscription has this ID.", content: problemContent } };

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate with
 * (./schemas.ts), so the document cannot drift from what the API accepts and answers.
 */
export function buildOpenApiDocument(serverUrl = "/"): ReturnType<OpenApiGeneratorV31["generateDocument"]> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key created under Admin → API keys or with `npm run -s portal -- api-keys create`.",
  });
  const security = (scope: string) => [{ [bearer.name]: [scope] }];

  registry.registerPath({
    method: "post",
    path: "/api/v1/usage",
    operationId: "submitUsage",
    summary: "Report usage events",
    description: `Up to ${MAX_EVENTS_PER_REQUEST} events and ${MAX_BODY_BYTES / 1024} KiB a request. Each event is checked on its own: invalid ones are listed in \`rejected\` and the others are kept. An event's \`id\` is an idempotency key per subscription.`,
    security: security("usage:write"),
    request: { body: { required: true, content: { "application/json": { schema: usageSubmissionSchema } } } },
    responses: {
      202: { description: "Accepted for aggregation and reporting.", content: { "application/json": { schema: usageResultSchema } } },
      ...badRequest,
      ...problems,
      413: { description: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, content: problemContent },
      415: { description: "The body is not JSON.", content: problemContent },
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/usage",
    operationId: "listUsageHours",
    summary: "Hourly usage of a subscription, with its reporting status",
    description:
      "Newest hour first, at most 744 hours (31 days) a call. Needs the `subscriptions:read` scope: it reads, as the subscription endpoints do.",
    security: security("subscriptions:read"),
    request: { query: usageQuery },
    responses: {
      200: { description: "The hours.", content: { "application/json": { schema: usageHoursSchema } } },
      ...badRequest,
      ...problems,
      ...notFound,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/subscriptions",
    operationId: "listSubscriptions",
    summary: "Subscriptions, oldest first, in pages",
    security: security("subscriptions:read"),
    request: { query: subscriptionListQuery },
    responses: {
      200: { description: "One page.", content: { "application/json": { schema: subscriptionPageSchema } } },
      ...badRequest,
      ...problems,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/subscriptions/{id}",
    operationId: "getSubscription",
    summary: "One subscription, with its included quantities and usage this term",
    security: security("subscriptions:read"),
    request: { params: subscriptionIdParams },
    responses: {
      200: { description: "The subscription.", content: { "application/json": { schema: subscriptionDetailSchema } } },
      ...badRequest,
      ...problems,
      ...notFound,
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Marketplace SaaS Portal API",
      version: "1.0.0",
      description: "Usage reporting and subscription entitlements for the ISV's own systems.",
    },
    servers: [{ url: serverUrl }],
  });
}
