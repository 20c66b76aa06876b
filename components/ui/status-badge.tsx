import type { ReactNode } from "react";
import { STATUS_LABELS } from "@/components/format";
import { subscriptionStatusTone, type Tone } from "@/lib/status-tone";
import { TONE_STYLES } from "./status-tone";

/** A pill in the shared tone scale. */
export function ToneBadge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_STYLES[tone].badge}`}
    >
      {children}
    </span>
  );
}

/** `label`: the status in the page's language (buyer pages); staff pages show the English one. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <ToneBadge tone={subscriptionStatusTone(status)}>{label ?? STATUS_LABELS[status] ?? status}</ToneBadge>;
}
