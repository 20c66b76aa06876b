import { z } from "zod";
import type { Tolerant } from "./enums";

export { guidSchema, isGuid } from "./enums";

/** Optional string that also accepts null (Microsoft sends both for "no value"). */
export const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? undefined);

/** Boolean that is false when missing or null (e.g. isFreeTrial is documented as optional, default false). */
export const booleanDefaultFalse = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** `quantity` is a number, "20", "" or null in Microsoft's own samples; "no value" forms become undefined. */
export const lenientNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number") return value;
    const trimmed = value.trim();
    if (trimmed === "") return undefined;
    const parsed = Number(trimmed);
    if (!Number.isFinite(parsed)) {
      ctx.addIssue({ code: "custom", message: `expected a number, got "${value}"` });
      return z.NEVER;
    }
    return parsed;
  });

/** Dates stay ISO strings as Microsoft sent them ("0001-01-01T00:00:00" included). */
export const isoDateString = optionalString;

export function tolerantEnum<const T extends readonly [string, ...string[]]>(_values: T) {
  return z.string().transform((v) => v as Tolerant<T[number]>);
}

export function optionalTolerantEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return tolerantEnum(values)
    .nullish()
    .transform((v) => v ?? undefined);
}

export function arrayOrEmpty<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

/** Treats an empty HTTP body (parsed as undefined) or JSON null as `fallback`. */
export function emptyBodyAs<T extends z.ZodType>(fallback: unknown, schema: T) {
  return z.preprocess((v) => (v === undefined || v === null || v === "" ? fallback : v), schema);
}
