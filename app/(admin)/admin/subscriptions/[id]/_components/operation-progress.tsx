import type { MarketplaceOperation } from "@/db/schema";
import { dateTime } from "@/components/format";
import { TONE_STYLES } from "@/components/ui/status-tone";
import { operationTone } from "@/lib/status-tone";

const describe = (o: MarketplaceOperation, planName: (planId: string) => string) =>
  o.action === "ChangePlan" && o.requestedPlanId
    ? `Change plan to ${planName(o.requestedPlanId)}`
    : o.action === "ChangeQuantity" && o.requestedQuantity !== null
      ? `Change quantity to ${o.requestedQuantity}`
      : o.action === "Unsubscribe"
        ? "Cancel the subscription"
        : o.action;

/**
 * Where the latest operation stands. The page's LiveRefresh re-renders it when the operation
 * tracker records Microsoft's answer, so staff see it without reloading.
 */
export function OperationProgress({
  open,
  latest,
  planName,
}: {
  open: MarketplaceOperation[];
  latest: MarketplaceOperation | undefined;
  planName: (planId: string) => string;
}) {
  if (open.length > 0) {
    return (
      <section role="status" aria-live="polite" className="rounded-xl bg-amber-50 px-5 py-4 ring-1 ring-amber-200">
        {open.map((o) => (
          <div key={o.id} className="text-sm text-amber-950">
            <p className="font-semibold">
              <span aria-hidden="true" className="mr-2 inline-block h-2 w-2 animate-pulse rounded-full bg-amber-500" />
              {describe(o, planName)}: {o.status === "NotStarted" ? "not started yet" : "in progress"} at Microsoft
            </p>
            <p className="mt-1 text-amber-900" title={`Operation ID: ${o.id}`}>
              {o.source === "Partner" ? `Requested by ${o.requestedBy ?? "staff"}` : "Started by the customer or Microsoft"} on{" "}
              {dateTime(o.createdAt)}. Nothing changes here until Microsoft reports success.
            </p>
          </div>
        ))}
      </section>
    );
  }
  // The outcome of a recent change stays in view for a day; older ones live in the timeline.
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: now is the request's time
  if (!latest?.completedAt || Date.now() - latest.completedAt.getTime() > 86_400_000) return null;
  const ok = latest.status === "Succeeded";
  // By meaning: a suspension or cancellation that went through is not good news.
  const tone = TONE_STYLES[operationTone(latest)];
  return (
    <section role="status" className={`rounded-xl px-5 py-4 text-sm ring-1 ${tone.banner}`}>
      <p className="font-semibold">
        {describe(latest, planName)}: {ok ? "succeeded" : latest.status.toLowerCase()}
      </p>
      <p className="mt-1">
        Completed {dateTime(latest.completedAt)}
        {latest.errorMessage ? ` · ${latest.errorMessage}` : ""}
      </p>
    </section>
  );
}
