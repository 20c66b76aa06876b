import "server-only";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";

/** Probes and scrapes arrive every few seconds and say nothing about the portal's work. */
const UNTRACED = /^\/(api\/health(\/|$|\?)|api\/metrics(\?|$)|_next\/static\/)/;

export interface TracingOptions {
  serviceName?: string;
  /** The full traces URL; by default the SDK's own reading of OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces) and OTEL_EXPORTER_OTLP_HEADERS. */
  tracesUrl?: string;
}

/**
 * OpenTelemetry traces over OTLP/HTTP: incoming and outgoing node:http requests, fetch (undici:
 * Microsoft's APIs, Entra ID, outbound deliveries) and PostgreSQL queries. Loaded by
 * instrumentation.ts only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so nothing of it costs anything
 * otherwise. The standard OTEL_* variables (service name, headers, sampler) apply.
 */
export function createTracing(opts: TracingOptions = {}): NodeSDK {
  return new NodeSDK({
    serviceName: opts.serviceName ?? "marketplace-portal",
    traceExporter: new OTLPTraceExporter(opts.tracesUrl ? { url: opts.tracesUrl } : {}),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED.test(req.url ?? "") }),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
    ],
  });
}

const KEY = Symbol.for("marketplace-portal.tracing");

/** Starts tracing once per process. */
export function startTracing(opts: TracingOptions = {}): NodeSDK {
  const store = globalThis as unknown as Record<symbol, NodeSDK | undefined>;
  if (!store[KEY]) {
    const sdk = createTracing(opts);
    sdk.start();
    store[KEY] = sdk;
  }
  return store[KEY];
}
