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

/** A column's heading; a column of buttons keeps its heading for screen readers only (`srOnly`). */
export interface Column {
  label: ReactNode;
  srOnly?: boolean;
  /** Added to the heading cell, such as `text-right` over numbers. */
  className?: string;
}

/** Cell padding: most admin tables are `standard`, the notifications page's `compact`; the buyer pages' tables are roomier. */
const CELL = { compact: "px-3 py-2", standard: "px-4 py-2.5", roomy: "px-4 py-3" } as const;

/** The header row every table shares: one `th scope="col"` per column. */
export function TableHead({ columns, density = "compact" }: { columns: readonly Column[]; density?: keyof typeof CELL }) {
  return (
    <thead className="bg-slate-50 text-left text-slate-600">
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" className={`${CELL[density]} font-medium ${c.className ?? ""}`.trimEnd()}>
            {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A column of a `DataTable`: its heading, and what a row shows in it. */
export interface DataColumn<T> extends Column {
  cell: (row: T) => ReactNode;
  /** Added to the column's data cells, such as `break-all` for URLs. */
  cellClassName?: string;
}

/** A list of records as a table in its scroll box (see `TableScroll`), one row per record. */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}) {
  return (
    <TableScroll label={label}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={columns} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => (
                <td key={i} className={`${CELL.compact} align-top text-slate-700 ${c.cellClassName ?? ""}`.trimEnd()}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
