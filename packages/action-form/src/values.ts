/** What a form sent, by field name; a name sent more than once (checkboxes) keeps every value. */
export type FormValues = Record<string, string | string[]>;

/**
 * The fields of a submission as the server got them, for a refused submit to echo back (files and
 * React's own `$ACTION` bookkeeping left out). Without JavaScript the page is rendered anew from
 * this; with JavaScript the form is never reset, so the echo only confirms what is on screen.
 */
export function submittedValues(form: FormData, omit: readonly string[] = []): FormValues {
  const out: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || omit.includes(key)) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (values.length) out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
