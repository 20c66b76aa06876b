"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "./chart-tooltip";

/** Active subscriptions per plan, longest bar first. */
export function PlanBarChart({ data, label }: { data: Array<{ label: string; subscriptions: number }>; label: string }) {
  const height = Math.max(120, data.length * 36 + 40);
  return (
    <figure role="img" aria-label={label} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis type="category" dataKey="label" width={180} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} content={<ChartTooltip />} />
          <Bar dataKey="subscriptions" name="Active subscriptions" fill="#0f62c9" radius={[0, 4, 4, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
