"use client";

import { TONE_STYLES } from "@/components/ui/status-tone";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** New against cancelled subscriptions per day, for the trend at a glance. */
export function ActivityChart({ data, label }: { data: Array<{ day: string; created: number; cancelled: number }>; label: string }) {
  return (
    <figure role="img" aria-label={label} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: -16, right: 8, top: 4, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => d.slice(5)}
            tick={{ fontSize: 11, fill: "#475569" }}
            interval="preserveStartEnd"
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="created" name="New" fill={TONE_STYLES.positive.chart} isAnimationActive={false} />
          <Bar dataKey="cancelled" name="Cancelled" fill={TONE_STYLES.ended.chart} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
