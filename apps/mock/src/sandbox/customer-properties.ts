// The sandbox's model of a payment customer, read from the spec it serves: the properties `q`, `sort` and `fields`
// may name (so an unknown one answers 400 instead of silently matching nothing) and the largest page the list's
// schema allows. Nothing here is kept by hand: a field added to the spec is searchable, sortable and projectable.
import type { getHttpOperationsFromSpec } from "@stoplight/prism-http";

type IHttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

export interface CustomerModel {
  /** Every leaf (scalar) property path of a customer: `id`, `created`, `contact.email`, `contact.address.city`... */
  readonly properties: ReadonlySet<string>;
  /** What `fields` may name: the leaves and the objects that hold them (`contact`, `contact.address`, `merchant`). */
  readonly projectable: ReadonlySet<string>;
  /** The most items a list answer may hold (the list schema's `data.maxItems`). */
  readonly maxPageSize: number;
}

type Schema = { [key: string]: unknown };

const customerPath = "/api/v2/Payment/Customers/{paymentCustomerId}";
const listPath = "/api/v2/Payment/Customers";

/**
 * Reads the model from the spec's operations: the customer is the answer of `GET .../{paymentCustomerId}` (its
 * schema walked through `$ref`s, `allOf` and the variants of `anyOf`/`oneOf`), the page bound is `data.maxItems`
 * of the list's answer.
 */
export function customerModelOf(operations: readonly IHttpOperation[], document?: object): CustomerModel {
  const resolve = referenceResolver(document);
  const customer = answerSchema(operations, customerPath);
  if (!customer) throw new Error(`The spec has no JSON answer of GET ${customerPath}: the sandbox needs one`);
  const properties = new Set<string>();
  const projectable = new Set<string>();
  const walk = (schema: Schema, prefix: string, seen: ReadonlySet<Schema>) => {
    for (const [name, child] of Object.entries(propertiesOf(schema, resolve))) {
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const resolved = resolve(child);
      if (seen.has(resolved)) continue; // a recursive schema: its own properties are listed once
      projectable.add(path);
      if (Object.keys(propertiesOf(resolved, resolve)).length > 0) walk(resolved, path, new Set([...seen, resolved]));
      else properties.add(path);
    }
  };
  const root = resolve(customer);
  walk(root, "", new Set([root]));

  const bounds = variants(resolve(answerSchema(operations, listPath) ?? {}), resolve)
    .map((list) => resolve(propertiesOf(list, resolve).data ?? {}).maxItems)
    .filter((bound): bound is number => typeof bound === "number");
  return { properties, projectable, maxPageSize: bounds.length > 0 ? Math.min(...bounds) : Number.MAX_SAFE_INTEGER };
}

function answerSchema(operations: readonly IHttpOperation[], path: string): Schema | undefined {
  const operation = operations.find((candidate) => candidate.method === "get" && candidate.path === path);
  const ok = operation?.responses.find((response) => response.code === "200");
  const content = ok?.contents?.find((media) => /json/i.test(media.mediaType)) ?? ok?.contents?.[0];
  return content?.schema as Schema | undefined;
}

/** A schema and, for `anyOf`/`oneOf`, each variant (a projected list and a full one, say). */
function variants(schema: Schema, resolve: (schema: unknown) => Schema): Schema[] {
  const alternatives = [schema.anyOf, schema.oneOf].filter(Array.isArray).flat() as unknown[];
  return [schema, ...alternatives.map(resolve)];
}

/** The named properties of an object schema, those of its `allOf` parts and of its variants included. */
function propertiesOf(schema: Schema, resolve: (schema: unknown) => Schema): Record<string, unknown> {
  const parts = [...variants(schema, resolve), ...((Array.isArray(schema.allOf) ? schema.allOf : []) as unknown[])];
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    const { properties } = resolve(part);
    if (properties && typeof properties === "object") Object.assign(merged, properties);
  }
  return merged;
}

/**
 * Follows local `$ref`s (`#/components/schemas/...`) in `document`. Prism hands over its operations with the
 * references already replaced, so this only matters for a schema that still holds one.
 */
function referenceResolver(document: object | undefined): (schema: unknown) => Schema {
  return function resolve(schema, depth = 0): Schema {
    if (!schema || typeof schema !== "object") return {};
    const reference = (schema as Schema).$ref;
    if (typeof reference !== "string" || !document || depth > 32) return schema as Schema;
    let target: unknown = document;
    for (const key of reference.replace(/^#\//, "").split("/")) {
      const name = key.replace(/~1/g, "/").replace(/~0/g, "~");
      target = target && typeof target === "object" ? (target as Schema)[name] : undefined;
    }
    return resolve(target, depth + 1);
  } as (schema: unknown) => Schema;
}
