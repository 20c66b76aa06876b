import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { AccessDenied } from "@/components/admin/access-denied";
import { AdminNav } from "@/components/admin/admin-nav";
import { NAV_ITEMS } from "@/components/admin/nav-items";
import { PageNotice } from "@/components/admin/page-notice";
import { SignInRequired } from "@/components/admin/sign-in-required";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { readFlash } from "@/lib/actions/flash";
import { checkStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

/**
 * The dashboard shell. Its check keeps non-staff from seeing any of it, but each page checks
 * again itself: a page can be rendered without its layout during client navigation.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const access = await checkStaff("viewer");
  if (access.kind === "signed-out") {
    return (
      <Suspense>
        <SignInRequired />
      </Suspense>
    );
  }
  if (access.kind === "denied") {
    return (
      <AccessDenied
        who={access.user.email ?? access.user.name ?? access.user.id}
        role={access.role}
        need="viewer"
        reason={access.reason}
        standalone
      />
    );
  }
  const { staff } = access;
  const items = NAV_ITEMS.filter((i) => hasRole(staff.role, i.minRole)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex flex-1 flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-6 py-3">
          <Link href="/admin" className="text-sm font-semibold text-slate-900">
            Marketplace SaaS Portal · Admin
          </Link>
          <div className="flex items-center gap-3 text-sm text-slate-600">
            <span>
              {staff.email ?? staff.name} · <span className="font-medium capitalize text-slate-800">{staff.role}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-4 pb-2">
          <AdminNav items={items} />
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-8">
        <PageNotice flash={await readFlash()} />
        {children}
      </main>
    </div>
  );
}
