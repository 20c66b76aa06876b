import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SchemaView, type JsonSchema } from "./schema-view";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&quot;", '"')
    .replace(/\s+/g, " ");

describe("SchemaView", () => {
  it("renders a nested object's properties as indented rows, not as a bare object", () => {
    const schema: JsonSchema = {
      type: "object",
      required: ["term"],
      properties: {
        term: {
          type: "object",
          required: ["unit"],
          properties: { unit: { type: ["string", "null"] }, autoRenew: { type: "boolean" } },
        },
        rejected: {
          type: "array",
          items: { type: "object", properties: { index: { type: "integer" }, code: { enum: ["invalid"] } } },
        },
        purchaser: { anyOf: [{ type: "object", properties: { email: { type: "string" } } }, { type: "null" }] },
      },
    };
    const out = text(renderToStaticMarkup(createElement(SchemaView, { schema })));
    expect(out).toContain("term.unit string | null");
    expect(out).toContain("term.autoRenew optional boolean");
    expect(out).toContain("rejected[].index optional integer");
    expect(out).toContain('rejected[].code optional "invalid"');
    expect(out).toContain("purchaser.email optional string");
  });
});
