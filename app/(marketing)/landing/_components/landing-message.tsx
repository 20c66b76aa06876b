import type { ReactNode } from "react";

const TONES = {
  info: "ring-slate-200",
  error: "ring-red-200",
} as const;

/**
 * A full-page message: missing, expired or forged links, outages, sign-in prompts. Errors say what
 * happened, what to do next, and how to reach support (`support`: the offer's, when it is known).
 */
export function LandingMessage({
  title,
  tone,
  children,
  support,
}: {
  title: string;
  tone: keyof typeof TONES;
  children: ReactNode;
  /** A <SupportNote />: this component also renders in the client-side error page, so it takes one rendered. */
  support?: ReactNode;
}) {
  return (
    <main className="flex flex-1 items-start justify-center px-4 py-10 sm:px-6 sm:py-16">
      <section
        className={`w-full max-w-xl rounded-2xl bg-white p-6 shadow-sm ring-1 sm:p-8 ${TONES[tone]}`}
        aria-labelledby="landing-title"
      >
        <h1 id="landing-title" className={`text-2xl font-semibold break-words ${tone === "error" ? "text-red-900" : "text-slate-900"}`}>
          {title}
        </h1>
        <div className="mt-3 text-slate-600">{children}</div>
        {support && <div className="mt-6 border-t border-slate-100 pt-4">{support}</div>}
      </section>
    </main>
  );
}
