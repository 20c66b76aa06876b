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
};

export const adminMessage = (code: AdminMessageCode, context: Context = {}): string => ADMIN_MESSAGES[code](context);
