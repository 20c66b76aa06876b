// One bounded autocannon run of signed webhook calls, each with a new operation ID so every call
// is a new inbox row rather than a duplicate answered from the first.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";

const SUBSCRIPTIONS = Array.from({ length: 100 }, () => randomUUID());

/** A notify-only call as Microsoft sends it (docs/marketplace.md §5), with the embedded subscription. */
export function notification(action, i) {
  const subscriptionId = SUBSCRIPTIONS[i % SUBSCRIPTIONS.length];
  return JSON.stringify({
    id: randomUUID(),
    activityId: randomUUID(),
    publisherId: "contoso-isv",
    offerId: "contoso-analytics",
    planId: "starter",
    quantity: null,
    subscriptionId,
    timeStamp: new Date().toISOString(),
    action,
    status: "Succeeded",
    operationRequestSource: "Azure",
    subscription: {
      id: subscriptionId,
      name: "Contoso analytics",
      publisherId: "contoso-isv",
      offerId: "contoso-analytics",
      planId: "starter",
      saasSubscriptionStatus: "Subscribed",
      beneficiary: { emailId: "alex@contoso.example", objectId: randomUUID(), tenantId: "c0a70500-0000-4000-8000-000000000001", puid: null },
      purchaser: { emailId: "alex@contoso.example", objectId: randomUUID(), tenantId: "c0a70500-0000-4000-8000-000000000001", puid: null },
      term: { termUnit: "P1M", startDate: "2026-03-01T00:00:00Z", endDate: "2026-03-31T00:00:00Z", chargeDuration: null },
      autoRenew: true,
      isTest: false,
      isFreeTrial: false,
      allowedCustomerOperations: ["Read", "Update", "Delete"],
      sandboxType: "None",
      sessionMode: "None",
    },
    purchaseToken: null,
  });
}

/** Runs until `duration` seconds pass or `maxRequests` are sent, whichever comes first. */
export async function load({ url, tokens, action, connections, duration, maxRequests }) {
  let i = 0;
  const statuses = {};
  const result = await autocannon({
    url,
    method: "POST",
    connections,
    duration,
    maxOverallRequests: Math.max(maxRequests, connections),
    timeout: 10,
    requests: [
      {
        setupRequest(req) {
          const n = i++;
          return {
            ...req,
            headers: { "content-type": "application/json", authorization: `Bearer ${tokens[n % tokens.length]}` },
            body: notification(action, n),
          };
        },
        onResponse(status) {
          statuses[status] = (statuses[status] ?? 0) + 1;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    seconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}
