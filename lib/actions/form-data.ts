import type { z } from "zod";

/** Repeated keys become arrays; a file stays a File, for the one schema that asks for it (zod drops unknown keys). */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue; // React's own bookkeeping fields
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/**
 * First message per form field, for inline field messages. A field sent as a list (checkboxes, or
 * addresses split from one text box) is refused at an item's path (`addresses.1`): the message
 * belongs to the field that sent it, which is what the form looks up.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    out[key] ??= issue.message;
  }
  return out;
}
