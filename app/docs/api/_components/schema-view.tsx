import { Fragment } from "react";

/** Minimal JSON Schema (OpenAPI 3.1) rendering: enough for the portal's own document. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

const refName = (ref: string) => ref.split("/").pop() ?? ref;

/** A one-line type: `string (uuid)`, `array of UsageEvent`, `"a" | "b"`. */
export function TypeLabel({ schema }: { schema: JsonSchema }) {
  if (schema.$ref) {
    return (
      <a href={`#schema-${refName(schema.$ref)}`} className="font-medium text-brand-700 underline">
        {refName(schema.$ref)}
      </a>
    );
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    return (
      <>
        {variants.map((v, i) => (
          <span key={i}>
            {i > 0 && " | "}
            <TypeLabel schema={v} />
          </span>
        ))}
      </>
    );
  }
  if (schema.enum) return <>{schema.enum.map((e) => JSON.stringify(e)).join(" | ")}</>;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  if (schema.items) {
    return (
      <>
        array of <TypeLabel schema={schema.items} />
      </>
    );
  }
  return <>{schema.format ? `${type} (${schema.format})` : type}</>;
}

function constraints(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}–${s.maxLength ?? "∞"} characters`);
  if (s.minItems !== undefined || s.maxItems !== undefined) parts.push(`${s.minItems ?? 0}–${s.maxItems ?? "∞"} items`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

/** The object a property holds inline (itself, its array's items, or a variant such as `object | null`), if any. */
function inlineObject(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  if (schema.items) return inlineObject(schema.items);
  for (const v of schema.anyOf ?? schema.oneOf ?? []) {
    const found = inlineObject(v);
    if (found) return found;
  }
  return undefined;
}

/** One row per property; a nested object's properties follow as indented rows (`term.unit`, `items[].id`). */
function PropertyRows({ schema, depth, prefix = "" }: { schema: JsonSchema; depth: number; prefix?: string }) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, prop]) => {
        const nested = depth < 6 ? inlineObject(prop) : undefined;
        const path = `${prefix}${name}`;
        return (
          <Fragment key={path}>
            <tr>
              <td className="py-1.5 pr-4" style={{ paddingLeft: `${depth * 1.25}rem` }}>
                <code>{depth > 0 ? `${prefix}${name}` : name}</code>
                {!schema.required?.includes(name) && <span className="ml-1 text-xs text-slate-500">optional</span>}
              </td>
              <td className="py-1.5 pr-4">
                <TypeLabel schema={prop} />
              </td>
              <td className="py-1.5 text-slate-600">{[prop.description, constraints(prop)].filter(Boolean).join(" · ")}</td>
            </tr>
            {nested && (
              <PropertyRows schema={nested} depth={depth + 1} prefix={`${path}${nested === inlineObject(prop.items ?? {}) ? "[]" : ""}.`} />
            )}
          </Fragment>
        );
      })}
    </>
  );
}

/** An object's properties as a table (nested objects as indented rows); any other schema as its type line. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  if (!schema.properties) {
    return (
      <p className="text-sm text-slate-700">
        <TypeLabel schema={schema} /> {constraints(schema) && <span className="text-slate-500">({constraints(schema)})</span>}
      </p>
    );
  }
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <thead className="text-left text-slate-600">
        <tr>
          <th scope="col" className="py-1.5 pr-4 font-medium">
            Field
          </th>
          <th scope="col" className="py-1.5 pr-4 font-medium">
            Type
          </th>
          <th scope="col" className="py-1.5 font-medium">
            Notes
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        <PropertyRows schema={schema} depth={0} />
      </tbody>
    </table>
  );
}
