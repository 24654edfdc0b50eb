// The spec must accept what the real API sends: each answer in fixtures/real-api-answers.ts is validated
// against its operation's response schema in the bundled spec (Ajv, JSON Schema 2020-12, formats on).
import { describe, expect, it } from "vitest";
import { ajv, doc, type Json } from "./bundled-spec.js";
import { realAnswers } from "./fixtures/real-api-answers.js";

const token = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The JSON pointer of the JSON schema of one operation's answer, through a `$ref`'d response. */
function responseSchemaPointer(method: string, path: string, status: string): string {
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
  const response = paths[path]?.[method]?.responses[status];
  if (!response) throw new Error(`${method.toUpperCase()} ${path} declares no ${status} response`);
  const base =
    typeof response.$ref === "string" ? response.$ref : `#/paths/${token(path)}/${method}/responses/${status}`;
  return `${base}/content/application~1json/schema`;
}

function validate(method: string, path: string, status: string, body: unknown) {
  const validator = ajv.getSchema(`openapi${responseSchemaPointer(method, path, status)}`);
  if (!validator) throw new Error(`no schema for ${method} ${path} ${status}`);
  validator(body);
  return validator.errors ?? [];
}

describe("what the real API sends validates against the spec", () => {
  it.each(realAnswers)("$method $path $status: $name", ({ method, path, status, body }) => {
    expect(validate(method, path, status, body)).toEqual([]);
  });

  it("still rejects what no answer carries: a customer without id, a contact that is no object", () => {
    const path = "/api/v2/Payment/Customers/{paymentCustomerId}";
    const errors = validate("get", path, "200", { object: "payment.customers", contact: "Max" });
    expect(errors.map((error) => `${error.instancePath} ${error.message}`)).toEqual(
      expect.arrayContaining([" must have required property 'id'", "/contact must be object"]),
    );
    expect(validate("get", "/api/v2/Payment/Customers", "200", { data: [] })).not.toEqual([]);
  });
});
