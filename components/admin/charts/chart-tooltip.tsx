"use client";

import type { ReactNode } from "react";

interface Entry {
  name?: ReactNode;
  value?: ReactNode;
  color?: string;
  payload?: { fill?: string; color?: string };
}

/** Recharts' tooltip content in the dashboard's own card style; `labelFormatter` words the heading. */
export function ChartTooltip({
  active,
  payload,
  label,
  labelFormatter,
}: {
  active?: boolean;
  payload?: readonly Entry[];
  label?: ReactNode;
  labelFormatter?: (label: ReactNode) => ReactNode;
}) {
  if (!active || !payload?.length) return null;
  const heading = labelFormatter ? labelFormatter(label) : label;
  return (
    <div className="rounded-lg bg-white px-3 py-2 text-xs shadow-lg ring-1 ring-slate-200">
      {heading !== undefined && heading !== "" && <p className="mb-1 font-semibold text-slate-900">{heading}</p>}
      <ul className="space-y-0.5">
        {payload.map((p, i) => (
          <li key={i} className="flex items-center gap-2 text-slate-700">
            <span
              aria-hidden="true"
              className="inline-block h-2 w-2 rounded-full"
              style={{ backgroundColor: p.color ?? p.payload?.fill ?? p.payload?.color }}
            />
            <span>{p.name}</span>
            <span className="ml-auto pl-3 font-medium tabular-nums text-slate-900">{p.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
