import { SimHttpError } from "../http";

export type FieldErrors = Record<string, string[]>;

/** Control API errors: `{error, fieldErrors?}`, the same shape the storefront's actions return. */
export function controlError(status: 400 | 403 | 404 | 409 | 415, error: string, fieldErrors?: FieldErrors): SimHttpError {
  return new SimHttpError(status, { error, ...(fieldErrors ? { fieldErrors } : {}) });
}

/** zod issues keyed by dotted path, for inline form messages. */
export function fieldErrorsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
