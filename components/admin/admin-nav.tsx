"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { StaffRole } from "@/lib/auth/staff";

export interface NavItem {
  href: string;
  label: string;
  minRole: StaffRole;
}

/** Every section of the dashboard; owners alone see staff and settings. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/admin", label: "Overview", minRole: "viewer" },
  { href: "/admin/subscriptions", label: "Subscriptions", minRole: "viewer" },
  { href: "/admin/catalogue", label: "Catalogue", minRole: "viewer" },
  { href: "/admin/operations", label: "Operations", minRole: "viewer" },
  { href: "/admin/sync", label: "Sync", minRole: "viewer" },
  { href: "/admin/audit", label: "Audit", minRole: "viewer" },
  { href: "/admin/staff", label: "Staff", minRole: "owner" },
  { href: "/admin/settings", label: "Settings", minRole: "owner" },
];

export function AdminNav({ items }: { items: Array<Pick<NavItem, "href" | "label">> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const current = item.href === "/admin" ? pathname === "/admin" : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
              current ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
