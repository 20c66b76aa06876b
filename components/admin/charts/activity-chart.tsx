"use client";

import { TONE_STYLES } from "@/components/ui/status-tone";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "./chart-tooltip";

// The page's own date style ("3 Dec 2026", UTC), shortened on the axis.
const axisDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const fullDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const asDate = (day: unknown) => new Date(`${String(day)}T00:00:00Z`);

/** New against cancelled subscriptions per day, for the trend at a glance. */
export function ActivityChart({ data, label }: { data: Array<{ day: string; created: number; cancelled: number }>; label: string }) {
  return (
    <figure role="img" aria-label={label} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: -16, right: 8, top: 4, bottom: 0 }} barGap={2}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => axisDay.format(asDate(d))}
            tick={{ fontSize: 11, fill: "#475569" }}
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} content={<ChartTooltip labelFormatter={(d) => fullDay.format(asDate(d))} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="created"
            name="New"
            fill={TONE_STYLES.positive.chart}
            maxBarSize={28}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="cancelled"
            name="Cancelled"
            fill={TONE_STYLES.ended.chart}
            maxBarSize={28}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
