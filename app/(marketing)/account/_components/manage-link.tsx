import Link from "next/link";

/** To the subscription's own page: its seats, plan, cancellation and activity. */
export function ManageLink({ id, name, label, className = "" }: { id: string; name: string; label: string; className?: string }) {
  return (
    <Link href={`/account/${id}`} prefetch={false} className={`font-medium text-brand-700 hover:underline ${className}`}>
      {label}
      <span className="sr-only"> {name}</span>
    </Link>
  );
}
