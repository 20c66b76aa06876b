"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface DailyPoint {
  day: string;
  included: number;
  reported: number;
  other: number;
}

/** One dimension's usage per UTC day: the included part, the reported part and the rest (not yet reported or never billed). */
export function DailyUsageChart({ data, label }: { data: DailyPoint[]; label: string }) {
  return (
    <figure role="img" aria-label={label} className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: -16, right: 8, top: 4, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => d.slice(5)}
            tick={{ fontSize: 11, fill: "#475569" }}
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="included" name="Included" stackId="u" fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="reported" name="Reported" stackId="u" fill="#0f62c9" isAnimationActive={false} />
          <Bar dataKey="other" name="Not reported" stackId="u" fill="#d97706" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
