// One bounded autocannon run of signed webhook calls, each with a new operation ID so every call
// is a new inbox row rather than a duplicate answered from the first.
import { randomUUID } from "node:crypto";
import http from "node:http";
import autocannon from "autocannon";

const SUBSCRIPTIONS = Array.from({ length: 100 }, () => randomUUID());

/** A notify-only call as Microsoft sends it (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-webhook), with the embedded subscription. */
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
      beneficiary: {
        emailId: "alex@contoso.example",
        objectId: randomUUID(),
        tenantId: "c0a70500-0000-4000-8000-000000000001",
        puid: null,
      },
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

/** Runs until `duration` seconds pass or `maxRequests` are sent, whichever comes first, as fast as the server answers. */
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

/**
 * Sends `rate` requests/s, evenly spaced (one every 1/rate s, not a burst at the top of each second as
 * autocannon's rate option does), over at most `connections` kept-alive connections, for `duration`
 * seconds or `maxRequests`. Open loop: a slow answer does not delay the next call, and each latency
 * counts from when the call was due, so time spent waiting for a free connection is included.
 */
export async function paced({ url, tokens, action, rate, connections, duration, maxRequests }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.min(maxRequests, Math.round(rate * duration)));
  const latencies = new Float64Array(total);
  const statuses = {};
  let errors = 0;
  let finished = 0;
  const started = performance.now();
  const dueAt = (n) => started + (n * 1000) / rate;

  await new Promise((resolve) => {
    const finish = (n) => {
      latencies[n] = performance.now() - dueAt(n);
      if (++finished === total) resolve();
    };
    const send = (n) => {
      const body = notification(action, n);
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          timeout: 10_000,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            authorization: `Bearer ${tokens[n % tokens.length]}`,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            finish(n);
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error("timed out")));
      req.on("error", (err) => {
        errors++;
        const key = `error ${err.code ?? err.message}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        finish(n);
      });
      req.end(body);
    };
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < total && dueAt(sent) <= now) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
    };
    tick();
  });
  agent.destroy();

  const seconds = (performance.now() - started) / 1000;
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  const ok = Object.entries(statuses).reduce((n, [s, c]) => n + (s.startsWith("2") ? c : 0), 0);
  return {
    requests: total,
    rps: Math.round(total / seconds),
    p50: at(0.5),
    p99: at(0.99),
    max: Math.round(sorted[sorted.length - 1]),
    seconds,
    errors,
    timeouts: 0,
    non2xx: total - ok - errors,
    statuses,
  };
}
