/**
 * What PostgreSQL cannot store, checked before it is asked to: `jsonb` and `text` refuse the NUL
 * character ("unsupported Unicode escape sequence", "invalid byte sequence for encoding UTF8: 0x00"),
 * `jsonb` refuses an unpaired UTF-16 surrogate, and very deep nesting exhausts the stack of a
 * recursive parser or serializer (JSON.stringify, PostgreSQL's JSON parser). A caller's input that
 * holds any of these is bad input, answered 4xx, never a database error.
 * https://www.postgresql.org/docs/current/datatype-json.html
 */

/** Nesting deeper than this is refused: Microsoft's payloads are 2 deep, the portal's own API bodies 3. */
export const MAX_JSON_DEPTH = 64;

/** Why PostgreSQL could not store the string, or null when it can. */
export function unstorableString(s: string): string | null {
  if (s.includes("\u0000")) return "a NUL character (\\u0000)";
  if (!s.isWellFormed()) return "an unpaired UTF-16 surrogate";
  return null;
}

/**
 * Why PostgreSQL could not store the parsed JSON value as `jsonb`, or null when it can. Walks with
 * its own stack, so a value nested 30,000 deep is measured, not a stack overflow.
 */
export function unstorableJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, depth] = next;
    if (typeof v === "string") {
      const reason = unstorableString(v);
      if (reason) return `a string holds ${reason}`;
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth > maxDepth) return `nested deeper than ${maxDepth} levels`;
    if (Array.isArray(v)) {
      for (const item of v as unknown[]) pending.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      const reason = unstorableString(key);
      if (reason) return `a key holds ${reason}`;
      pending.push([item, depth + 1]);
    }
  }
  return null;
}
