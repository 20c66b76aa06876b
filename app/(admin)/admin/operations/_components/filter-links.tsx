import Link from "next/link";

/** A row of links that each set one filter; the current one is marked for screen readers too. */
export function FilterLinks({ label, items }: { label: string; items: Array<{ href: string; text: string; current: boolean }> }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {items.map((i) => (
        <Link
          key={i.href}
          href={i.href}
          aria-current={i.current ? "true" : undefined}
          className={`rounded-md px-2.5 py-1 text-sm font-medium ${i.current ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {i.text}
        </Link>
      ))}
    </nav>
  );
}
