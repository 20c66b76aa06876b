import type { Metadata } from "next";
import Link from "next/link";
import { safeRedirectPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Too many attempts" };

/** Where server actions send a browser over an abuse limit (lib/rate-limit/refuse.ts); route handlers answer 429 themselves. */
export default async function TooManyAttemptsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const seconds = Math.min(3600, Math.max(1, Math.floor(Number(params.retry)) || 60));
  const back = safeRedirectPath(params.next);
  return (
    <main className="flex flex-1 items-start justify-center px-6 py-16">
      <section className="w-full max-w-xl rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200" aria-labelledby="limit-title">
        <h1 id="limit-title" className="text-2xl font-semibold text-slate-900">
          Too many attempts
        </h1>
        <p className="mt-3 text-slate-600">
          Too many attempts from your network in a short time. Try again in {seconds} second{seconds === 1 ? "" : "s"}.
        </p>
        <p className="mt-6">
          <Link href={back} prefetch={false} className="font-semibold text-brand-700 hover:underline">
            Go back
          </Link>
        </p>
      </section>
    </main>
  );
}
