import { handleSimulatorRequest, SimulatedConnectionDrop } from "marketplace-simulator";
// Configures the simulator from the portal's environment before its first request.
import "@/lib/simulator-mount";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * A Response cannot be "dropped", so an injected connection drop becomes a body stream that
 * fails before its first byte: Next.js then destroys the socket without flushing the headers,
 * and the client sees a network error with no HTTP status at all.
 */
function dropped(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new Error("simulated connection drop"));
    },
  });
  return new Response(body, { status: 502 });
}

async function handle(request: Request): Promise<Response> {
  try {
    return await handleSimulatorRequest(request);
  } catch (err) {
    if (err instanceof SimulatedConnectionDrop) return dropped();
    throw err;
  }
}

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const PUT = handle;
export const DELETE = handle;
