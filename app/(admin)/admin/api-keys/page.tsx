import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { Card } from "@/components/admin/card";
import { dateTime } from "@/components/format";
import { TableHead, TableScroll, type Column } from "@/components/ui/table";
import { listApiKeys, type ApiKeySummary } from "@/lib/api-keys/service";
import { requireStaff } from "@/lib/auth/guards";
import { CreateKeyForm } from "./_components/create-key-form";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export const metadata: Metadata = { title: "API keys" };

const KEY_COLUMNS: Column[] = [
  { label: "Name" },
  { label: "Key" },
  { label: "Scopes" },
  { label: "Status" },
  { label: "Expires" },
  { label: "Last used" },
  { label: "Created" },
  { label: "Revoke", srOnly: true, className: "text-right" },
];

function keyStatus(k: ApiKeySummary, now: number): { label: string; tone: string } {
  if (k.revokedAt) return { label: "Revoked", tone: "bg-slate-100 text-slate-700 ring-slate-300" };
  if (k.expiresAt && k.expiresAt.getTime() <= now) return { label: "Expired", tone: "bg-amber-50 text-amber-800 ring-amber-200" };
  return { label: "Active", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" };
}

export default async function ApiKeysPage() {
  await requireStaff("owner", { path: "/admin/api-keys" });
  const keys = await listApiKeys(await getDb());
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: now is the request's time
  const now = Date.now();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">API keys</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The ISV&apos;s own systems call the portal&apos;s API with these keys: to report metered usage and to read who is entitled to
          what. Each key is shown once when created; the portal keeps only its hash. See the{" "}
          <Link href="/docs/api" className="font-medium text-brand-700 underline">
            API reference
          </Link>
          .
        </p>
      </div>
      <Card title="Create a key">
        <CreateKeyForm />
      </Card>
      <section aria-labelledby="api-keys-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="api-keys-title" className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">
          Keys ({keys.length})
        </h2>
        {keys.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">No API keys yet.</p>
        ) : (
          <TableScroll label="API keys">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <TableHead columns={KEY_COLUMNS} density="standard" />
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => {
                  const status = keyStatus(k, now);
                  return (
                    <tr key={k.id} className={k.revokedAt ? "text-slate-500" : undefined}>
                      <td className="px-4 py-2.5 font-medium text-slate-900">{k.name}</td>
                      <td className="px-4 py-2.5">
                        <code className="text-xs">mpk_{k.prefix}_…</code>
                      </td>
                      <td className="px-4 py-2.5">{k.scopes.join(", ")}</td>
                      <td className="px-4 py-2.5">
                        <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${status.tone}`}>
                          {status.label}
                        </span>
                      </td>
                      <td className="px-4 py-2.5">{k.expiresAt ? dateTime(k.expiresAt) : "Never"}</td>
                      <td className="px-4 py-2.5">{k.lastUsedAt ? dateTime(k.lastUsedAt) : "Never"}</td>
                      <td className="px-4 py-2.5">
                        {dateTime(k.createdAt)} <span className="block text-xs text-slate-500">{k.createdBy}</span>
                      </td>
                      <td className="px-4 py-2.5 text-right">{!k.revokedAt && <RevokeKeyButton id={k.id} name={k.name} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
