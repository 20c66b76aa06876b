// Runs once when the server starts, before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Traces only when an OTLP endpoint is configured: otherwise none of OpenTelemetry is even loaded.
    if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) (await import("./lib/tracing")).startTracing();
    const { startServer } = await import("./lib/startup");
    await startServer();
  }
}
