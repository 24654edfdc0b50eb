import type { PrismHttpComponents } from "@stoplight/prism-http";

type MockComponent = PrismHttpComponents["mock"];
type Resource = Parameters<MockComponent>[0]["resource"];
type Schema = { [key: string]: unknown; anyOf?: Schema[]; oneOf?: Schema[]; properties?: Record<string, Schema> };

/**
 * For `--dynamic`: a generated list answer honours the request's `count` (default 20) and reports the items it
 * holds as the total, so a client paging until `offset` reaches `count` stops (generated totals run into 10^15).
 * The generator is handed the list schemas with `data` bounded by `count`: json-schema-faker fills an array to its
 * `maxItems` (the spec's is 1000), and generating 1000 customers to send 20 cost seconds of CPU per request.
 */
export const pagedExamples =
  (mock: MockComponent): MockComponent =>
  (options) =>
  (logger) => {
    const { resource, input } = options;
    const isList = resource.method === "get" && resource.path.endsWith("/Customers");
    const query = input.data.url.query ?? {};
    const asked = Number(query.count ?? 20);
    const count = Number.isInteger(asked) && asked >= 0 ? asked : 20;
    const result = mock(isList ? { ...options, resource: boundedPage(resource, count) } : options)(logger);
    if (result._tag === "Left" || !isList) return result;
    const body = result.right.body as { count?: number; data?: unknown[] } | undefined;
    if (result.right.statusCode !== 200 || !Array.isArray(body?.data)) return result;
    const offset = Number(query.offset ?? 0);
    const data = body.data.slice(0, count);
    return {
      ...result,
      right: { ...result.right, body: { ...body, count: (Number.isInteger(offset) ? offset : 0) + data.length, data } },
    };
  };

/** The list operation with every `data` array of its 200 answers bounded by `count` (a few shallow copies). */
function boundedPage(resource: Resource, count: number): Resource {
  return {
    ...resource,
    responses: resource.responses.map((response) =>
      response.code !== "200"
        ? response
        : {
            ...response,
            contents: response.contents?.map((content) =>
              content.schema ? { ...content, schema: boundSchema(content.schema as Schema, count) } : content,
            ),
          },
    ),
  } as Resource;
}

function boundSchema(schema: Schema, count: number): Schema {
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return { ...schema, [key]: options.map((option) => boundSchema(option, count)) };
  }
  const data = schema.properties?.data;
  if (data?.type !== "array") return schema;
  const maxItems = typeof data.maxItems === "number" ? Math.min(data.maxItems, count) : count;
  if (typeof data.minItems === "number" && data.minItems > maxItems) return schema;
  return { ...schema, properties: { ...schema.properties, data: { ...data, maxItems } } };
}
