import type { Metadata } from "next";
import { SignInButton } from "@/components/sign-in-button";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getEnv } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const redirectTo = safeRedirectPath(params.callbackUrl);
  const error = signInErrorMessage(params.error);
  const simulated = getEnv().auth.provider === "simulator";

  return (
    <main className="flex flex-1 items-center justify-center px-6 py-16">
      <div className="w-full max-w-md rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-2xl font-semibold text-slate-900">Sign in</h1>
        <p className="mt-2 text-sm text-slate-600">
          Use your work, school or personal Microsoft account.
          {simulated && " In simulator mode you pick one of the simulator's people instead."}
        </p>
        {error && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {error}
          </p>
        )}
        <div className="mt-6">
          <SignInButton redirectTo={redirectTo} />
        </div>
      </div>
    </main>
  );
}
