import { signOut } from "@/lib/auth";

/** Ends the session, so someone signed in with the wrong account can switch. */
export function SignOutButton({
  label = "Sign out",
  redirectTo = "/sign-in?callbackUrl=%2Fadmin",
}: {
  label?: string;
  redirectTo?: string;
}) {
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo });
  }
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      >
        {label}
      </button>
    </form>
  );
}
