import type { PortalUser } from "@/lib/auth";
import { switchAccountAction } from "../actions";

/** "Signed in as … · Use another account", on every buyer page that knows who is signed in. */
export function SignedInAs({ user, returnTo, className = "" }: { user: PortalUser; returnTo: string; className?: string }) {
  return (
    <form action={switchAccountAction} className={`text-sm text-slate-500 ${className}`}>
      Signed in as <span className="font-medium text-slate-700">{user.email ?? user.name ?? user.id}</span>
      <span aria-hidden="true"> · </span>
      <input type="hidden" name="redirectTo" value={returnTo} />
      <button type="submit" className="font-medium text-brand-700 hover:underline">
        Use another account
      </button>
    </form>
  );
}
