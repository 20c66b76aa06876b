import type { StaffRole } from "@/lib/auth/staff";
import { SignOutButton } from "./sign-out-button";

const ROLE_NAMES: Record<StaffRole, string> = { owner: "Owner", operator: "Operator", viewer: "Viewer" };

export interface AccessDeniedProps {
  who: string;
  role: StaffRole | null;
  need: StaffRole;
  reason: "wrong-tenant" | "not-staff" | "insufficient-role";
  /** Outside the dashboard shell the message is the page's main landmark itself. */
  standalone?: boolean;
}

/** Says who is signed in and which role is missing, and how to get it. */
export function AccessDenied({ who, role, need, reason, standalone = false }: AccessDeniedProps) {
  const Wrapper = standalone ? "main" : "div";
  const explanation = {
    "wrong-tenant":
      "Staff sign in with an account of the publisher's own Microsoft Entra tenant; this account belongs to another organisation.",
    "not-staff": "This account is not on the staff list and carries no portal app role.",
    "insufficient-role": `Your role is ${role ? ROLE_NAMES[role] : "none"}.`,
  }[reason];
  return (
    <Wrapper className="flex flex-1 items-start justify-center px-6 py-16">
      <section aria-labelledby="denied-title" className="w-full max-w-xl rounded-2xl bg-white p-8 shadow-sm ring-1 ring-red-200">
        <h1 id="denied-title" className="text-2xl font-semibold text-red-900">
          Access denied
        </h1>
        <p className="mt-3 text-slate-700">
          You are signed in as <strong>{who}</strong>. This page needs the <strong>{ROLE_NAMES[need]}</strong> role
          {need !== "owner" ? " or higher" : ""}.
        </p>
        <p className="mt-2 text-sm text-slate-600">{explanation}</p>
        <p className="mt-2 text-sm text-slate-600">
          Ask an owner to add you at Staff, or to assign you the Portal.{ROLE_NAMES[need]} app role in Microsoft Entra ID.
        </p>
        <div className="mt-6 flex items-center gap-3">
          {reason === "insufficient-role" && (
            <a href="/admin" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              Back to the overview
            </a>
          )}
          <SignOutButton label="Sign in with another account" />
        </div>
      </section>
    </Wrapper>
  );
}
