import type { Metadata } from "next";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { getEnv } from "@/lib/env";
import { SchemaView, TypeLabel, type JsonSchema } from "./_components/schema-view";

export const metadata: Metadata = { title: "API reference" };

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

/**
 * The /api/v1 reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
 * serves. No script and no asset from elsewhere, so it works under the portal's nonce-based CSP.
 */
export default function ApiReferencePage() {
  const doc = buildOpenApiDocument(getEnv().publicBaseUrl) as unknown as {
    info: { title: string; version: string; description?: string };
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <main className="mx-auto w-full max-w-5xl flex-1 space-y-8 px-6 py-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold text-slate-900">{doc.info.title}</h1>
        <p className="text-sm text-slate-600">
          Version {doc.info.version} · {doc.info.description} · Machine-readable:{" "}
          <a href="/api/v1/openapi.json" className="font-medium text-brand-700 underline">
            OpenAPI 3.1 document
          </a>
        </p>
        <p className="text-sm text-slate-600">
          Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>, a key an owner creates under Admin → API keys. Errors are RFC
          9457 problem details.
        </p>
      </header>
      <nav aria-label="Operations" className="rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
        <ul className="space-y-1">
          {operations.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${op.operationId}`} className="text-brand-700 underline">
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </a>{" "}
              {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => (
        <section
          key={`${method} ${path}`}
          id={op.operationId}
          aria-labelledby={`${op.operationId}-title`}
          className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id={`${op.operationId}-title`} className="text-lg font-semibold text-slate-900">
            <code>
              {method.toUpperCase()} {path}
            </code>
          </h2>
          <p className="text-sm text-slate-700">{op.summary}</p>
          {op.description && <p className="text-sm text-slate-600">{op.description}</p>}
          {op.security?.map((s) =>
            Object.values(s)
              .flat()
              .map((scope) => (
                <p key={scope} className="text-sm text-slate-600">
                  Scope: <code>{scope}</code>
                </p>
              )),
          )}
          {op.parameters && op.parameters.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold text-slate-900">Parameters</h3>
              <ul className="mt-1 space-y-1 text-sm text-slate-700">
                {op.parameters.map((p) => (
                  <li key={`${p.in}-${p.name}`}>
                    <code>{p.name}</code> ({p.in}
                    {p.required ? ", required" : ""}): <TypeLabel schema={p.schema} />{" "}
                    {p.description && <span className="text-slate-500">· {p.description}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {op.requestBody && (
            <div>
              <h3 className="text-sm font-semibold text-slate-900">Request body</h3>
              {Object.entries(op.requestBody.content).map(([type, c]) => (
                <p key={type} className="text-sm text-slate-700">
                  <code>{type}</code>: <TypeLabel schema={c.schema} />
                </p>
              ))}
            </div>
          )}
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Responses</h3>
            <ul className="mt-1 space-y-1 text-sm text-slate-700">
              {Object.entries(op.responses).map(([status, r]) => (
                <li key={status}>
                  <strong>{status}</strong> {r.description}{" "}
                  {Object.values(r.content ?? {}).map((c, i) => (
                    <TypeLabel key={i} schema={c.schema} />
                  ))}
                </li>
              ))}
            </ul>
          </div>
        </section>
      ))}
      <section aria-labelledby="schemas-title" className="space-y-4">
        <h2 id="schemas-title" className="text-xl font-semibold text-slate-900">
          Schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="overflow-x-auto rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h3 className="mb-2 font-semibold text-slate-900">{name}</h3>
            {schema.description && <p className="mb-2 text-sm text-slate-600">{schema.description}</p>}
            <SchemaView schema={schema} />
          </div>
        ))}
      </section>
    </main>
  );
}
