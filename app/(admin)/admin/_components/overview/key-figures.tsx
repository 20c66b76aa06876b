import { getDb } from "@/db";
import { estimateMonthlyRevenue, getDailyActivity, getStatusSummary, listActiveByPlan } from "@/db/queries/admin-overview";
import { money } from "@/components/format";
import { Stat } from "@/components/admin/card";

/** The numbers staff look for first; test and dry-run purchases are left out of everything billed. */
export async function KeyFigures() {
  const db = await getDb();
  const [statuses, plans, days] = await Promise.all([getStatusSummary(db), listActiveByPlan(db), getDailyActivity(db, 30)]);
  const real = (status: string) => {
    const row = statuses.find((s) => s.status === status);
    return row ? row.total - row.test : 0;
  };
  const pending = statuses
    .filter((s) => s.status === "PendingFulfillmentStart" || s.status === "NotStarted")
    .reduce((n, s) => n + s.total, 0);
  const revenue = estimateMonthlyRevenue(plans);
  const [main, ...others] = revenue.monthly;
  const seats = plans.filter((p) => p.pricingModel === "per_user").reduce((n, p) => n + p.seats, 0);
  const cancelled = days.reduce((n, d) => n + d.cancelled, 0);
  const hints = [
    ...others.map((o) => `+ ${money(o.amount, o.currency)}`),
    revenue.freeTrials ? `${revenue.freeTrials} in free trial` : null,
    revenue.unpriced ? `${revenue.unpriced} without a catalogue price` : null,
  ].filter(Boolean);
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
      <Stat label="Active subscriptions" value={real("Subscribed")} hint="excluding test purchases" />
      <Stat label="Pending activation" value={pending} tone={pending > 0 ? "warning" : "default"} hint="Microsoft cancels after 30 days" />
      <Stat label="Suspended" value={real("Suspended")} tone={real("Suspended") > 0 ? "warning" : "default"} hint="payment failed" />
      <Stat label="Cancelled (30 days)" value={cancelled} />
      <Stat label="Seats" value={seats} hint="on active per-user plans" />
      <Stat
        label="Estimated MRR"
        value={main ? money(main.amount, main.currency) : "—"}
        hint={hints.join(" · ") || "from plan prices, per month"}
      />
    </dl>
  );
}
