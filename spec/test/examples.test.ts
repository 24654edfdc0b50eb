// Every example in the bundled spec must be valid against its schema: Prism serves them verbatim,
// so an invalid example would teach integrators (and our client's tests) a shape the API never sends.
import { describe, expect, it } from "vitest";
import { ajv, doc, type Json } from "./bundled-spec.js";

function deref<T>(node: T): T {
  const ref = (node as Json)?.$ref;
  if (typeof ref !== "string") return node;
  return deref(
    ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Json)[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc) as T,
  );
}

interface Case {
  where: string;
  schemaPointer: string;
  value: unknown;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const pointerToken = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

function mediaCases(where: string, pointer: string, content: Json | undefined, cases: Case[]): number {
  let count = 0;
  for (const [mediaType, media] of Object.entries(content ?? {}) as [string, Json][]) {
    const schemaPointer = `${pointer}/content/${pointerToken(mediaType)}/schema`;
    for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
      cases.push({
        where: `${where} ${mediaType} example "${name}"`,
        schemaPointer,
        value: deref(example as Json).value,
      });
      count++;
    }
    if ("example" in media) {
      cases.push({ where: `${where} ${mediaType} example`, schemaPointer, value: media.example });
      count++;
    }
  }
  return count;
}

const cases: Case[] = [];
const responsesWithoutExamples: string[] = [];
for (const [path, item] of Object.entries(doc.paths as Json) as [string, Json][]) {
  for (const method of HTTP_METHODS.filter((m) => m in item)) {
    const op = item[method] as Json;
    const opPointer = `#/paths/${pointerToken(path)}/${method}`;
    const body = op.requestBody as Json | undefined;
    if (body) {
      const resolved = deref(body);
      const pointer = body.$ref ? (body.$ref as string) : `${opPointer}/requestBody`;
      mediaCases(`${method.toUpperCase()} ${path} request`, pointer, resolved.content as Json, cases);
    }
    for (const [status, response] of Object.entries(op.responses as Json) as [string, Json][]) {
      const pointer = response.$ref ? (response.$ref as string) : `${opPointer}/responses/${status}`;
      const where = `${method.toUpperCase()} ${path} ${status}`;
      if (mediaCases(where, pointer, deref(response).content as Json, cases) === 0)
        responsesWithoutExamples.push(where);
    }
    const params = [...((item.parameters ?? []) as Json[]), ...((op.parameters ?? []) as Json[])];
    for (const param of params) {
      const p = deref(param);
      if (!("example" in p) || typeof param.$ref !== "string") continue;
      cases.push({ where: `parameter ${p.name} example`, schemaPointer: `${param.$ref}/schema`, value: p.example });
    }
  }
}
for (const [name, schema] of Object.entries((doc.components as Json).schemas as Json) as [string, Json][]) {
  collectSchemaExamples(schema, `#/components/schemas/${name}`);
}
function collectSchemaExamples(schema: Json, pointer: string): void {
  for (const [i, value] of ((schema.examples ?? []) as unknown[]).entries()) {
    cases.push({ where: `schema ${pointer} example ${i}`, schemaPointer: pointer, value });
  }
  for (const [prop, sub] of Object.entries((schema.properties ?? {}) as Json)) {
    collectSchemaExamples(sub as Json, `${pointer}/properties/${pointerToken(prop)}`);
  }
}

describe("examples in the bundled spec", () => {
  it("covers every response with at least one example", () => {
    expect(responsesWithoutExamples).toEqual([]);
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)("$where is valid against its schema", ({ schemaPointer, value }) => {
    const validate = ajv.getSchema(`openapi${schemaPointer}`);
    if (!validate) throw new Error(`no schema at ${schemaPointer}`);
    validate(value);
    expect(validate.errors ?? []).toEqual([]);
  });

  it("rejects an example that breaks its schema (the check can fail)", () => {
    const validate = ajv.getSchema("openapi#/components/schemas/PaymentCustomersProductModel");
    expect(validate?.({ object: "payment.customers", id: "PCU_short", contact: "Max" })).toBe(false);
    expect(validate?.errors?.map((e: { instancePath: string }) => e.instancePath)).toEqual(
      expect.arrayContaining(["/id", "/contact"]),
    );
  });
});
