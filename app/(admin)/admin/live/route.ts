import { staffForRoute } from "@/lib/auth/guards";
import { log } from "@/lib/log";
import { getChangeHub } from "@/lib/live/hub";
import { getStreamSlots, openChangeStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

/**
 * Server-sent events for the admin pages (components/admin/live-refresh.tsx): "subscription X
 * changed", nothing more, to signed-in staff only, a few streams per person. `?once` ends the
 * stream after its opening event, for checks and scripts.
 */
export async function GET(request: Request): Promise<Response> {
  const staff = await staffForRoute("viewer");
  if (staff instanceof Response) return staff;
  const release = getStreamSlots().acquire(staff.userId);
  if (!release) {
    return Response.json(
      { error: "Too many live connections: close another tab of the dashboard." },
      { status: 429, headers: { ...noStore, "retry-after": "30" } },
    );
  }
  try {
    const stream = await openChangeStream({
      hub: getChangeHub(),
      signal: request.signal,
      once: new URL(request.url).searchParams.has("once"),
      onClose: release,
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform: no compression or proxy buffering may hold events back.
        "cache-control": "no-cache, no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  } catch (err) {
    release();
    log.error({ err }, "live: could not listen for changes");
    return Response.json({ error: "Live updates are unavailable." }, { status: 503, headers: { ...noStore, "retry-after": "30" } });
  }
}
