import Link from "next/link";

const links = [
  { href: "/simulator", label: "Buy" },
  { href: "/simulator/subscriptions", label: "Subscriptions" },
] as const;

/** Header of the simulated storefront: it plays Microsoft's side, so it says so. */
export function SimulatorNav({ current }: { current: (typeof links)[number]["href"] }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-600">Microsoft commercial marketplace · simulated</p>
          <p className="text-lg font-semibold text-slate-900">Marketplace simulator</p>
        </div>
        <nav aria-label="Simulator">
          <ul className="flex gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  aria-current={l.href === current ? "page" : undefined}
                  className={`rounded-md px-3 py-2 text-sm font-medium ${l.href === current ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
