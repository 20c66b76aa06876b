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
  { href: "/admin/usage", label: "Usage", minRole: "viewer" },
  { href: "/admin/operations", label: "Operations", minRole: "viewer" },
  { href: "/admin/sync", label: "Sync", minRole: "viewer" },
  { href: "/admin/audit", label: "Audit", minRole: "viewer" },
  { href: "/admin/outbound", label: "Outbound", minRole: "viewer" },
  { href: "/admin/notifications", label: "Notifications", minRole: "owner" },
  { href: "/admin/staff", label: "Staff", minRole: "owner" },
  { href: "/admin/api-keys", label: "API keys", minRole: "owner" },
  { href: "/admin/settings", label: "Settings", minRole: "owner" },
];
