import type { ReactNode } from "react";

const TONES = {
  info: "ring-slate-200",
  error: "ring-red-200",
} as const;

/** A full-page message: missing, expired or forged links, outages, sign-in prompts. */
export function LandingMessage({ title, tone, children }: { title: string; tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <main className="flex flex-1 items-start justify-center px-6 py-16">
      <section className={`w-full max-w-xl rounded-2xl bg-white p-8 shadow-sm ring-1 ${TONES[tone]}`} aria-labelledby="landing-title">
        <h1 id="landing-title" className={`text-2xl font-semibold ${tone === "error" ? "text-red-900" : "text-slate-900"}`}>
          {title}
        </h1>
        <div className="mt-3 text-slate-600">{children}</div>
      </section>
    </main>
  );
}
