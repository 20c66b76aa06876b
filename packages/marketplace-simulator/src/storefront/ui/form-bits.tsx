// The field wrapper and the form message are the portal's too (action-form/field, action-form/form-message);
// the controls' look is the storefront's own: white on its grey page.
export const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600 ${error ? "border-red-400" : "border-slate-300"}`;
