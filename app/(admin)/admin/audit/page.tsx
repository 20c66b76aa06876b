import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listAuditPage, listAuditTargetNames, listAuditVocabulary } from "@/db/queries/admin-audit";
import { listCatalogueNames } from "@/db/queries/catalogue";
import { EmptyNote } from "@/components/admin/card";
import { auditTargetKey } from "@/lib/audit/targets";
import { requireStaff } from "@/lib/auth/guards";
import { catalogueNames } from "@/lib/catalogue/names";
import { AuditFiltersForm } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { auditFiltersOf, auditQuery, parseAuditSearch } from "./search-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = parseAuditSearch(await searchParams);
  await requireStaff("viewer", { path: `/admin/audit${auditQuery(search)}` });
  const db = await getDb();
  const [page, vocabulary] = await Promise.all([
    listAuditPage(db, { filters: auditFiltersOf(search), after: search.after, before: search.before, limit: 50 }),
    listAuditVocabulary(db),
  ]);
  const targets = await listAuditTargetNames(db, page.rows);
  const names = new Map(targets.map((t) => [auditTargetKey(t.type, t.id), t.name]));
  // Plans in a subscription's changes are named by its offer's catalogue.
  const offerOf = new Map(targets.flatMap((t) => (t.offerId ? [[auditTargetKey(t.type, t.id), t.offerId] as const] : [])));
  const catalogue = catalogueNames(await listCatalogueNames(db, [...offerOf.values()]));
  const planName = (e: { targetType: string; targetId: string }, planId: string) => {
    const offerId = offerOf.get(auditTargetKey(e.targetType, e.targetId));
    return offerId ? catalogue.plan(offerId, planId) : planId;
  };
  const link = "font-medium text-brand-700 hover:underline";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Audit log</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every staff action and every change made by the system or by Microsoft, newest first. Entries are never edited or deleted.
        </p>
      </div>
      <AuditFiltersForm search={search} actions={vocabulary.actions} targetTypes={vocabulary.targetTypes} />
      <section aria-labelledby="audit-results" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
          <h2 id="audit-results" className="text-sm font-semibold text-slate-900">
            Events
          </h2>
          <a
            href={`/admin/audit/export${auditQuery(search, { after: undefined, before: undefined })}`}
            className={`text-sm ${link}`}
            download
          >
            Export CSV
          </a>
        </div>
        {page.rows.length === 0 ? (
          <div className="px-5 py-8">
            <EmptyNote>No events match this filter.</EmptyNote>
          </div>
        ) : (
          <AuditTable rows={page.rows} names={names} planName={planName} />
        )}
        <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-sm">
          {search.after || search.before ? (
            <Link href={`/admin/audit${auditQuery(search, { after: undefined, before: undefined })}`} className={link}>
              Newest
            </Link>
          ) : (
            <span />
          )}
          <span className="flex gap-4">
            {page.prev !== null && (
              <Link rel="prev" href={`/admin/audit${auditQuery(search, { before: page.prev, after: undefined })}`} className={link}>
                Newer
              </Link>
            )}
            {page.next !== null && (
              <Link rel="next" href={`/admin/audit${auditQuery(search, { after: page.next, before: undefined })}`} className={link}>
                Older
              </Link>
            )}
          </span>
        </nav>
      </section>
    </div>
  );
}
