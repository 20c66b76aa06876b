import type { InputHTMLAttributes, ReactNode } from "react";

/** The control style of the dashboard's GET filter forms. */
export const filterControlClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600";
export const filterLabelClass = "block text-sm font-medium text-slate-700";

/** A labelled control; `className` places it in the form's layout. */
export function FilterField({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={filterLabelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** An option is its own label, or a `[value, label]` pair (`["", "Any"]`: no filter). */
export type FilterOption = string | readonly [value: string, label: string];

export function FilterSelect({
  id,
  name = id,
  label,
  value,
  options,
  className,
}: {
  id: string;
  name?: string;
  label: string;
  value: string;
  options: readonly FilterOption[];
  className?: string;
}) {
  return (
    <FilterField id={id} label={label} className={className}>
      <select id={id} name={name} defaultValue={value} className={filterControlClass}>
        {options.map((o) =>
          typeof o === "string" ? (
            <option key={o}>{o}</option>
          ) : (
            <option key={o[0]} value={o[0]}>
              {o[1]}
            </option>
          ),
        )}
      </select>
    </FilterField>
  );
}

export function FilterInput({
  id,
  name = id,
  label,
  className,
  ...input
}: { id: string; label: string; className?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FilterField id={id} label={label} className={className}>
      <input id={id} name={name} className={filterControlClass} {...input} />
    </FilterField>
  );
}
