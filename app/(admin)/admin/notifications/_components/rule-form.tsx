"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { createRuleAction } from "../actions";

const box = "h-4 w-4 rounded border-slate-300 text-brand-600";

/** Event types → a channel; e-mail rules also name their recipients. */
export function RuleForm({
  channels,
  eventTypes,
}: {
  channels: Array<{ id: string; name: string }>;
  eventTypes: Array<{ type: string; label: string }>;
}) {
  const { state, formProps, fieldError } = useActionForm(createRuleAction);
  const eventsError = fieldError("eventTypes");
  const rolesError = fieldError("staffRoles");
  const addressesError = fieldError("addresses");
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="rule-channel" className="block text-sm font-medium text-slate-700">
            Channel
          </label>
          <select id="rule-channel" name="channelId" className={inputClass(fieldError("channelId"))}>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="rule-offer" className="block text-sm font-medium text-slate-700">
            Offer ID (blank: every offer)
          </label>
          <input id="rule-offer" name="offerId" className={inputClass()} />
        </div>
        <div>
          <label htmlFor="rule-addresses" className="block text-sm font-medium text-slate-700">
            Other addresses
          </label>
          <input
            id="rule-addresses"
            name="addresses"
            placeholder="billing@contoso.com, …"
            aria-invalid={Boolean(addressesError)}
            className={inputClass(addressesError)}
          />
          {addressesError && <p className="mt-1 text-sm text-red-700">{addressesError}</p>}
        </div>
      </div>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">Events</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {eventTypes.map((e) => (
            <label key={e.type} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="eventTypes" value={e.type} className={box} />
              {e.label}
            </label>
          ))}
        </div>
        {eventsError && <p className="mt-1 text-sm text-red-700">{eventsError}</p>}
      </fieldset>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">Recipients (e-mail channels)</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
          {(["owner", "operator", "viewer"] as const).map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input type="checkbox" name="staffRoles" value={role} className={box} />
              Staff: {role}s
            </label>
          ))}
          <label className="flex items-center gap-2">
            <input type="checkbox" name="toPurchaser" className={box} />
            Buyer: purchaser
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="toBeneficiary" className={box} />
            Buyer: beneficiary
          </label>
        </div>
        {rolesError && <p className="mt-1 text-sm text-red-700">{rolesError}</p>}
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="digest" className={box} />
        Daily digest: hold these and send one message a day
      </label>
      <SubmitButton label="Add rule" pendingLabel="Adding…" />
      <FormMessage state={state} />
    </form>
  );
}
