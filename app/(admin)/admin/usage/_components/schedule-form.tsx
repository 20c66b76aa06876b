"use client";

import { useActionForm } from "action-form";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { createUsageScheduleAction, endUsageScheduleAction } from "../actions";
import { CADENCES } from "../cadences";
import type { DimensionOption } from "./manual-usage-form";

type Values = Record<"dimension" | "quantity" | "cadence" | "startsAt" | "endsAt", string>;

/** A fixed quantity posted on a cadence; what was typed stays after a refusal. */
export function ScheduleForm({
  subscriptionId,
  dimensions,
  defaultHour,
}: {
  subscriptionId: string;
  dimensions: DimensionOption[];
  defaultHour: string;
}) {
  const defaults: Values = { dimension: dimensions[0]?.id ?? "", quantity: "", cadence: "daily", startsAt: defaultHour, endsAt: "" };
  const { state, formProps, fieldError, value } = useActionForm(createUsageScheduleAction);
  const control = (name: keyof Values) => {
    const error = fieldError(name);
    return {
      id: `schedule-${name}`,
      name,
      defaultValue: value(name, defaults[name]),
      "aria-invalid": Boolean(error),
      "aria-describedby": error ? `schedule-${name}-error` : undefined,
      className: inputClass(error),
    };
  };
  const label = (name: keyof Values, text: string) => (
    <label htmlFor={`schedule-${name}`} className="block text-sm font-medium text-slate-700">
      {text}
    </label>
  );
  const error = (name: keyof Values) => {
    const e = fieldError(name);
    return e ? (
      <p id={`schedule-${name}-error`} className="mt-1 text-sm text-red-700">
        {e}
      </p>
    ) : null;
  };
  return (
    <form {...formProps} aria-label="Schedule a fixed quantity" className="space-y-3" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          {label("dimension", "Dimension")}
          <select {...control("dimension")}>
            {dimensions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.displayName} ({d.id})
              </option>
            ))}
          </select>
          {error("dimension")}
        </div>
        <div>
          {label("quantity", "Quantity per run")}
          <input type="number" inputMode="decimal" min="0" step="any" {...control("quantity")} />
          {error("quantity")}
        </div>
        <div>
          {label("cadence", "How often")}
          <select {...control("cadence")}>
            {CADENCES.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
          {error("cadence")}
        </div>
        <div>
          {label("startsAt", "First run (UTC)")}
          <input type="datetime-local" step="3600" {...control("startsAt")} />
          {error("startsAt")}
        </div>
        <div>
          {label("endsAt", "Ends (UTC, optional)")}
          <input type="datetime-local" step="3600" {...control("endsAt")} />
          {error("endsAt")}
        </div>
      </div>
      <FormMessage state={state} />
      <SubmitButton label="Add schedule" pendingLabel="Adding…" variant="secondary" />
    </form>
  );
}

export function EndScheduleButton({ subscriptionId, scheduleId, label }: { subscriptionId: string; scheduleId: string; label: string }) {
  const { state, formProps } = useActionForm(endUsageScheduleAction);
  return (
    <form {...formProps} className="space-y-1">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="scheduleId" value={scheduleId} />
      <button
        type="submit"
        aria-label={label}
        className="rounded-md px-2.5 py-1 text-xs font-semibold text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50"
      >
        End
      </button>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
