import "server-only";

/** The rows of a raw `execute()`: PGlite and node-postgres both answer it with `{ rows }`. */
export const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;
