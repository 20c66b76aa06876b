/** Placeholder shapes while a widget streams in; hidden from screen readers, which get the busy region. */
export function Skeleton({ className = "h-4 w-full" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function CardSkeleton({ title, rows = 4 }: { title: string; rows?: number }) {
  return (
    <section aria-busy="true" aria-label={`${title} (loading)`} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">{title}</div>
      <div className="space-y-3 px-5 py-4">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className={`h-4 ${i % 2 ? "w-2/3" : "w-full"}`} />
        ))}
      </div>
    </section>
  );
}

export function StatsSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div aria-busy="true" aria-label="Key figures (loading)" className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200">
          <Skeleton className="h-3 w-1/2" />
          <Skeleton className="mt-3 h-6 w-2/3" />
        </div>
      ))}
    </div>
  );
}
