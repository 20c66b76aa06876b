"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bucketUsage, RANGES, type ChartHour, type UsageRange } from "./buckets";

/** Included, reported and not-yet-reported usage per dimension: one small chart each, one scale per unit. */
export function UsageChart({
  dimensions,
  hours,
  now,
}: {
  dimensions: Array<{ id: string; displayName: string; unitOfMeasure: string }>;
  hours: ChartHour[];
  now: string;
}) {
  const [range, setRange] = useState<UsageRange>("48h");
  return (
    <div className="space-y-3">
      <div role="group" aria-label="Chart range" className="flex gap-1">
        {(Object.keys(RANGES) as UsageRange[]).map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={range === r}
            onClick={() => setRange(r)}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${range === r ? "bg-brand-50 text-brand-700 ring-brand-200" : "text-slate-600 ring-slate-200 hover:bg-slate-50"}`}
          >
            {RANGES[r].label}
          </button>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {dimensions.map((d) => {
          const data = bucketUsage(hours, d.id, range, new Date(now));
          const total = data.reduce((n, b) => n + b.included + b.reported + b.pending + b.unbilled, 0);
          return (
            <figure
              key={d.id}
              role="img"
              aria-label={`${d.displayName} over the last ${RANGES[range].label}: ${total} ${d.unitOfMeasure || "units"}`}
              className="h-56 w-full"
            >
              <figcaption className="mb-1 text-xs font-medium text-slate-700">
                {d.displayName} <span className="font-normal text-slate-500">({d.unitOfMeasure || d.id})</span>
              </figcaption>
              <ResponsiveContainer width="100%" height="90%">
                <BarChart data={data} margin={{ left: -16, right: 8, top: 4, bottom: 0 }}>
                  <CartesianGrid vertical={false} stroke="#e2e8f0" />
                  <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" minTickGap={16} />
                  <YAxis tick={{ fontSize: 11, fill: "#475569" }} />
                  <Tooltip cursor={{ fill: "#f1f5f9" }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar dataKey="included" name="Included" stackId="u" fill="#94a3b8" isAnimationActive={false} />
                  <Bar dataKey="reported" name="Reported" stackId="u" fill="#0f62c9" isAnimationActive={false} />
                  <Bar dataKey="pending" name="Not yet reported" stackId="u" fill="#d97706" isAnimationActive={false} />
                  <Bar dataKey="unbilled" name="Not billed" stackId="u" fill="#b91c1c" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
