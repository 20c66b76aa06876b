import Link from "next/link";
import { getEnv } from "@/lib/env";

export default function HomePage() {
  const env = getEnv();
  const simulator = env.marketplace.mode === "simulator";
  return (
    <main className="flex-1">
      <section className="mx-auto max-w-4xl px-6 py-16">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Microsoft commercial marketplace</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight text-slate-900">Marketplace SaaS Portal</h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-600">
          Sell your SaaS product through Azure Marketplace and AppSource. Buyers land here after a purchase, sign in and activate;
          Microsoft&apos;s notifications are verified and applied exactly once; your staff manage subscriptions, plans and usage from one
          dashboard.
        </p>
        <ul className="mt-10 grid gap-4 sm:grid-cols-3">
          <Card href="/landing" title="Landing page" body="Where buyers arrive with their purchase token to confirm and activate." />
          <Card href="/admin" title="Admin dashboard" body="Subscriptions, catalogue, operations and the audit trail." />
          {simulator && (
            <Card href="/simulator" title="Marketplace simulator" body="Buy a plan as a customer and follow it through activation." />
          )}
        </ul>
        <dl className="mt-12 grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
          <Fact label="Marketplace" value={env.marketplace.mode} />
          <Fact label="Database" value={env.database.kind === "pglite" ? "PGlite (embedded)" : "PostgreSQL"} />
          <Fact label="Health" value="/api/health" />
        </dl>
      </section>
    </main>
  );
}

function Card({ href, title, body }: { href: string; title: string; body: string }) {
  return (
    <li>
      <Link
        href={href}
        className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      >
        <span className="text-base font-semibold text-slate-900">{title}</span>
        <span className="mt-1 block text-sm text-slate-600">{body}</span>
      </Link>
    </li>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200">
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{value}</dd>
    </div>
  );
}
