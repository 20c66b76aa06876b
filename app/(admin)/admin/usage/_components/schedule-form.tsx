"use client";

import { useActionState, useState } from "react";
import { fieldError, FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import type { ActionState } from "@/lib/actions/result";
import { createUsageScheduleAction, endUsageScheduleAction } from "../actions";
import { CADENCES } from "../cadences";
import type { DimensionOption } from "./manual-usage-form";

const FIELDS = ["dimension", "quantity", "cadence", "startsAt", "endsAt"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

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
  const [values, setValues] = useState<Values>({
    dimension: dimensions[0]?.id ?? "",
    quantity: "",
    cadence: "daily",
    startsAt: defaultHour,
    endsAt: "",
  });
  const [version, setVersion] = useState(0);
  const [state, action] = useActionState<ActionState<unknown>, FormData>((prev, form) => {
    setValues(Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")])) as Values);
    setVersion((v) => v + 1);
    return createUsageScheduleAction(prev, form);
  }, null);
  const control = (name: keyof Values) => {
    const error = fieldError(state, name);
    return {
      id: `schedule-${name}`,
      name,
      defaultValue: values[name],
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
    const e = fieldError(state, name);
    return e ? (
      <p id={`schedule-${name}-error`} className="mt-1 text-sm text-red-700">
        {e}
      </p>
    ) : null;
  };
  return (
    <form action={action} key={version} aria-label="Schedule a fixed quantity" className="space-y-3" noValidate>
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
  const [state, action] = useActionState<ActionState<unknown>, FormData>(endUsageScheduleAction, null);
  return (
    <form action={action} className="space-y-1">
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
