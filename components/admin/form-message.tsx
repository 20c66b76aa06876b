// The message markup is the simulator's too, so it lives in the forms package; the portal's forms import it from here.
export { FormMessage } from "action-form/form-message";

export const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600 ${error ? "border-red-400" : "border-slate-300"}`;
