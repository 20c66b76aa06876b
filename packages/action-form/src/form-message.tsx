import type { FormResult } from "./use-action-form";

/** The outcome of the last submission, announced to screen readers: a success as a status, a refusal as an alert. */
export function FormMessage({ state }: { state: FormResult | null }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {state.error}
    </p>
  );
}
