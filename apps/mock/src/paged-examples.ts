import type { PrismHttpComponents } from "@stoplight/prism-http";

type MockComponent = PrismHttpComponents["mock"];

/**
 * For `--dynamic`: a generated list answer honours the request's `count` (default 20) and reports the items it
 * holds as the total, so a client paging until `offset` reaches `count` stops (generated totals run into 10^15).
 */
export const pagedExamples =
  (mock: MockComponent): MockComponent =>
  (options) =>
  (logger) => {
    const result = mock(options)(logger);
    const { resource, input } = options;
    if (result._tag === "Left" || resource.method !== "get" || !resource.path.endsWith("/Customers")) return result;
    const body = result.right.body as { count?: number; data?: unknown[] } | undefined;
    if (result.right.statusCode !== 200 || !Array.isArray(body?.data)) return result;
    const query = input.data.url.query ?? {};
    const count = Number(query.count ?? 20);
    const offset = Number(query.offset ?? 0);
    const data = body.data.slice(0, Number.isInteger(count) ? count : 20);
    return {
      ...result,
      right: { ...result.right, body: { ...body, count: (Number.isInteger(offset) ? offset : 0) + data.length, data } },
    };
  };
