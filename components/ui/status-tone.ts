import type { Tone } from "@/lib/status-tone";

export type { Tone } from "@/lib/status-tone";

/** Each tone's classes and chart colour: one scale for every badge, banner, dot and chart. */
export const TONE_STYLES: Record<Tone, { badge: string; banner: string; text: string; dot: string; chart: string }> = {
  positive: {
    badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
    banner: "bg-emerald-50 text-emerald-950 ring-emerald-200",
    text: "text-emerald-700",
    dot: "bg-emerald-500",
    chart: "#059669",
  },
  progress: {
    badge: "bg-sky-50 text-sky-800 ring-sky-600/20",
    banner: "bg-sky-50 text-sky-950 ring-sky-200",
    text: "text-sky-700",
    dot: "bg-sky-500",
    chart: "#0284c7",
  },
  waiting: {
    badge: "bg-amber-50 text-amber-800 ring-amber-600/20",
    banner: "bg-amber-50 text-amber-950 ring-amber-200",
    text: "text-amber-700",
    dot: "bg-amber-500",
    chart: "#d97706",
  },
  warning: {
    badge: "bg-orange-50 text-orange-800 ring-orange-600/20",
    banner: "bg-orange-50 text-orange-950 ring-orange-200",
    text: "text-orange-700",
    dot: "bg-orange-500",
    chart: "#ea580c",
  },
  negative: {
    badge: "bg-red-50 text-red-800 ring-red-600/20",
    banner: "bg-red-50 text-red-950 ring-red-200",
    text: "text-red-700",
    dot: "bg-red-600",
    chart: "#dc2626",
  },
  ended: {
    badge: "bg-slate-100 text-slate-700 ring-slate-500/20",
    banner: "bg-slate-50 text-slate-900 ring-slate-200",
    text: "text-slate-600",
    dot: "bg-slate-400",
    chart: "#94a3b8",
  },
};
