import { CardSkeleton, StatsSkeleton } from "@/components/admin/skeleton";

export default function AdminLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <StatsSkeleton />
      <div className="grid gap-6 lg:grid-cols-2">
        <CardSkeleton title="Loading" />
        <CardSkeleton title="Loading" />
      </div>
    </div>
  );
}
