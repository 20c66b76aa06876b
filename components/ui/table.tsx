import type { ReactNode } from "react";

/**
 * The box every wide table scrolls in, so that on a phone the table scrolls sideways and the page
 * does not. It is a named, focusable region, so that keyboard users can scroll it too (axe's
 * scrollable-region-focusable), named "`label` table": the panel around it, often titled like the
 * table, is a region too, and two regions of one name confuse (axe's landmark-unique). It is
 * positioned, so that what a table keeps for screen readers only (`sr-only` is absolutely
 * positioned) stays inside the box rather than widening the page.
 */
export function TableScroll({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={`${label} table`}
      tabIndex={0}
      data-scroll-box
      className={`relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-600 ${className}`}
    >
      {children}
    </div>
  );
}
