"use client";

import { useActionForm } from "action-form";
import { FormMessage } from "action-form/form-message";
import type { StorefrontAction } from "../forms";
import type { SubscriptionsPageData } from "../views";
import { inputClass } from "./form-bits";

type Sub = SubscriptionsPageData["subscriptions"][number];

const button =
  "rounded-md px-3 py-1.5 text-sm font-medium shadow-sm ring-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-50";
const neutral = `${button} bg-white text-slate-700 ring-slate-300 hover:bg-slate-50`;
const danger = `${button} bg-white text-red-700 ring-red-300 hover:bg-red-50`;

/** What the customer, or Microsoft's billing, can do to a subscription; each sends its webhook. */
export function CustomerActions({ sub, customerAction }: { sub: Sub; customerAction: StorefrontAction }) {
  const { state, formProps, pending, fieldError } = useActionForm(customerAction);
  const live = sub.saasSubscriptionStatus === "Subscribed";
  const planError = fieldError("planId");
  const quantityError = fieldError("quantity");
  const id = sub.id.slice(0, 8);
  return (
    <form {...formProps} className="space-y-3" aria-label={`Actions on ${sub.name}`} noValidate>
      <input type="hidden" name="subscriptionId" value={sub.id} />
      {live && (
        <div className="flex flex-wrap items-end gap-3">
          {sub.otherPlans.length > 0 && (
            <div className="flex items-end gap-2">
              <div>
                <label htmlFor={`plan-${id}`} className="block text-xs font-medium text-slate-600">
                  Customer changes plan to
                </label>
                <select id={`plan-${id}`} name="planId" className={`${inputClass(planError)} py-1.5`} aria-invalid={Boolean(planError)}>
                  {sub.otherPlans.map((p) => (
                    <option key={p.planId} value={p.planId}>
                      {p.displayName}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="action" value="change-plan" disabled={pending} className={neutral}>
                Change plan
              </button>
            </div>
          )}
          {sub.isPricePerSeat && (
            <div className="flex items-end gap-2">
              <div>
                <label htmlFor={`qty-${id}`} className="block text-xs font-medium text-slate-600">
                  Customer sets users to
                </label>
                <input
                  id={`qty-${id}`}
                  name="quantity"
                  type="number"
                  min={1}
                  defaultValue={sub.quantity ?? 1}
                  className={`${inputClass(quantityError)} w-28 py-1.5`}
                  aria-invalid={Boolean(quantityError)}
                />
              </div>
              <button type="submit" name="action" value="change-quantity" disabled={pending} className={neutral}>
                Change users
              </button>
            </div>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {live && (
          <button type="submit" name="action" value="renew" disabled={pending} className={neutral}>
            Renew term
          </button>
        )}
        {live && (
          <button type="submit" name="action" value="suspend" disabled={pending} className={neutral}>
            Suspend (payment failed)
          </button>
        )}
        {sub.saasSubscriptionStatus === "Suspended" && (
          <button type="submit" name="action" value="reinstate" disabled={pending} className={neutral}>
            Reinstate (payment received)
          </button>
        )}
        <button type="submit" name="action" value="manage-account" disabled={pending} className={neutral}>
          {sub.saasSubscriptionStatus === "PendingFulfillmentStart" ? "Configure account" : "Manage account"}
        </button>
        {sub.saasSubscriptionStatus !== "Unsubscribed" && (
          <button type="submit" name="action" value="unsubscribe" disabled={pending} className={danger}>
            Cancel subscription
          </button>
        )}
      </div>
      <div aria-live="polite">
        <FormMessage state={state} />
        {(planError || quantityError) && <p className="mt-1 text-sm text-red-700">{planError ?? quantityError}</p>}
      </div>
    </form>
  );
}
