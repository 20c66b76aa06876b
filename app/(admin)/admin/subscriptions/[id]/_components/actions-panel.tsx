import { Suspense } from "react";
import { isActivationClaimStale } from "@/db/queries/activation";
import type { MarketplaceOperation, Subscription } from "@/db/schema";
import { money, termName } from "@/components/format";
import { Card } from "@/components/admin/card";
import { Skeleton } from "@/components/admin/skeleton";
import { hasRole, type StaffIdentity } from "@/lib/auth/staff";
import { isMarketplaceApiError, type MarketplacePlan } from "@/lib/marketplace";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { ApproveForm } from "./approve-form";
import { CancelDialog } from "./cancel-dialog";
import { ChangePlanForm } from "./change-plan-form";
import { ChangeQuantityForm } from "./change-quantity-form";

const note = (text: string) => <p className="text-sm text-slate-600">{text}</p>;

/** What staff may do now, by the subscription's state and their role; the actions check both again on the server. */
export function ActionsPanel({ s, staff, open }: { s: Subscription; staff: StaffIdentity; open: MarketplaceOperation[] }) {
  if (!hasRole(staff.role, "operator"))
    return <Card title="Actions">{note("Your role (viewer) can look but not change subscriptions.")}</Card>;
  if (s.status === "Unsubscribed")
    return <Card title="Actions">{note("This subscription is cancelled; Microsoft never reactivates it.")}</Card>;
  if (open.length > 0) return <Card title="Actions">{note("Actions are locked while Microsoft completes the pending operation.")}</Card>;

  const pending = s.status === "PendingFulfillmentStart" || s.status === "NotStarted";
  const canDelete = s.allowedCustomerOperations.includes("Delete");
  return (
    <Card title="Actions">
      <div className="space-y-6">
        {pending &&
          (s.provisioningState === "awaiting_approval" || s.provisioningState === "activation_failed" || isActivationClaimStale(s) ? (
            <ApproveForm subscriptionId={s.id} retry={s.provisioningState !== "awaiting_approval"} />
          ) : s.provisioningState === "activating" ? (
            note("Activation is in progress.")
          ) : (
            note("Waiting for the buyer to confirm the purchase on the landing page.")
          ))}
        {s.status === "Subscribed" &&
          (s.allowedCustomerOperations.includes("Update") ? (
            <Suspense fallback={<Skeleton className="h-24 w-full" />}>
              <ChangeOptions s={s} />
            </Suspense>
          ) : (
            note("Microsoft allows no plan or quantity changes here (e.g. a CSP purchase): the customer's partner changes it.")
          ))}
        {s.status === "Suspended" && note("Suspended (payment failed): plan and quantity cannot change until Microsoft reinstates it.")}
        {canDelete ? (
          <CancelDialog subscriptionId={s.id} name={s.name} />
        ) : (
          note("Microsoft does not allow cancelling this subscription here.")
        )}
      </div>
    </Card>
  );
}

function planLabel(p: MarketplacePlan): string {
  const term = p.recurrentBillingTerms[0];
  const price =
    term?.price !== undefined && term.currency
      ? ` · ${money(term.price, term.currency)}${p.isPricePerSeat ? " per seat" : ""} / ${termName(term.termUnit).toLowerCase()}`
      : "";
  return `${p.displayName}${p.isPrivate ? " · private" : ""}${price}`;
}

/** The choices come from Microsoft's listAvailablePlans: a plan outside that list would be refused. */
async function ChangeOptions({ s }: { s: Subscription }) {
  let plans: MarketplacePlan[];
  try {
    plans = await getMarketplaceClient().listAvailablePlans(s.id);
  } catch (err) {
    const detail = isMarketplaceApiError(err) ? ` (HTTP ${err.status}${err.requestId ? `, request ${err.requestId}` : ""})` : "";
    return note(`Microsoft did not list the available plans${detail}; reload to try again.`);
  }
  const current = plans.find((p) => p.planId === s.planId);
  const choices = plans.filter((p) => p.planId !== s.planId && !p.isStopSell).map((p) => ({ planId: p.planId, label: planLabel(p) }));
  return (
    <div className="grid gap-6 md:grid-cols-2 lg:grid-cols-1">
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Change plan</h3>
        {choices.length > 0 ? (
          <ChangePlanForm subscriptionId={s.id} choices={choices} />
        ) : (
          note("No other plan is available to this customer.")
        )}
      </div>
      {current?.isPricePerSeat && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Change quantity</h3>
          <ChangeQuantityForm subscriptionId={s.id} current={s.quantity} min={current.minQuantity} max={current.maxQuantity} />
        </div>
      )}
    </div>
  );
}
