import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../openapi";

/**
 * Checks responses against the OpenAPI document the portal serves: the schema of the documented
 * status and content type of the operation, in JSON Schema 2020-12 (OpenAPI 3.1's dialect).
 */
export function createResponseValidator() {
  const doc = buildOpenApiDocument() as unknown as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: "openapi" });
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

  /** Throws unless `response` is documented for the operation and its JSON body matches. Returns the body. */
  return async function validate(method: string, pathTemplate: string, response: Response): Promise<unknown> {
    const op = doc.paths[pathTemplate]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${pathTemplate} is not in the document`);
    const documented = op.responses[String(response.status)];
    if (!documented) throw new Error(`${method} ${pathTemplate} answered ${response.status}, which the document does not list`);
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (!documented.content?.[type])
      throw new Error(`${method} ${pathTemplate} ${response.status} answered ${type}, which the document does not list`);
    const body = await response.clone().json();
    const ref = `openapi#/${pointer("paths", pathTemplate, method.toLowerCase(), "responses", String(response.status), "content", type, "schema")}`;
    const check = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    if (!check(body))
      throw new Error(
        `${method} ${pathTemplate} ${response.status} does not match the document: ${ajv.errorsText(check.errors)}\n${JSON.stringify(body)}`,
      );
    return body;
  };
}
