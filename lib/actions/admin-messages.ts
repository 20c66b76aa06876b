import type { AdminErrorCode, CommonErrorCode } from "@/lib/errors";
import type { StaffRole } from "@/lib/auth/guards";

export type AdminMessageCode = CommonErrorCode | AdminErrorCode;

interface Context {
  need?: StaffRole;
  role?: StaffRole | null;
  reference?: string;
}

/** The admin dashboard's words for every code its actions answer with: the only place they are written. */
export const ADMIN_MESSAGES: Record<AdminMessageCode, (c: Context) => string> = {
  unauthenticated: () => "Your session has ended. Sign in again.",
  forbidden: ({ need, role }) => `You need the ${need} role to do this${role ? ` (you are ${role})` : ""}.`,
  "invalid-input": () => "Please correct the highlighted fields.",
  unexpected: ({ reference }) => `Something went wrong (reference ${reference}). Nothing was changed unless the page says so.`,
  "endpoint-not-found": () => "That endpoint no longer exists.",
  "delivery-not-found": () => "That delivery no longer exists.",
  "delivery-in-flight": () => "This delivery is still being sent; replay it once it has succeeded or failed.",
  "sync-running": () => "A sync is already running. Its progress is shown below.",
  "staff-exists": () => "Already on the staff list.",
  "staff-not-found": () => "This person is no longer on the staff list.",
  "owner-pinned": () => "This owner comes from ADMIN_BOOTSTRAP_OWNERS; remove it there first.",
  "last-owner": () => "The staff list must keep at least one owner: make someone else an owner first.",
  "staff-self": () => "You cannot change your own role or remove yourself; another owner can.",
  "offer-not-found": () => "This offer is not known.",
  "plan-not-found": () => "This plan is not known; refresh the plans first.",
  "field-not-found": () => "This field no longer exists.",
  "channel-not-found": () => "That channel no longer exists.",
  "rule-not-found": () => "That rule no longer exists.",
  "plans-need-subscription": () => "No live subscription is known yet, and Microsoft lists plans only through one. Run a sync first.",
};

export const adminMessage = (code: AdminMessageCode, context: Context = {}): string => ADMIN_MESSAGES[code](context);
