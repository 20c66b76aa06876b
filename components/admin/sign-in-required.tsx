"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

/** Sends a signed-out visitor to sign-in, coming back to the exact page they asked for. */
export function SignInRequired() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const href = `/sign-in?callbackUrl=${encodeURIComponent(search ? `${pathname}?${search}` : pathname)}`;
  useEffect(() => router.replace(href), [router, href]);
  return (
    <main className="flex flex-1 items-start justify-center px-6 py-16">
      <p className="text-slate-700">
        The admin dashboard needs you to sign in.{" "}
        <Link href={href} className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </main>
  );
}
