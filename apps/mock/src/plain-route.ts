// Prism's router (`route` of @stoplight/prism-http) for its plain case: exactly one of the operations it is given
// matches the request's path and method. Prism sorts the operations by a score and splits, decodes and turns into
// regular expressions every operation's path template on each request (`matchPath`), then keeps the one match;
// this reads each template once and compares the request's decoded segments with it by Prism's rules. Anything
// else (no match, several, a path not starting with a slash, a base URL to match against servers, a template Prism
// cannot read) goes to Prism's router, so its choice among several and its errors stay its own.
// test/prism-pipeline.test.ts compares the whole path with Prism's.
import type { PrismHttpComponents } from "@stoplight/prism-http";
import { decodeSegment } from "./route-candidates.js";

type Route = PrismHttpComponents["route"];
type Operation = Parameters<Route>[0]["resources"][number];
/** A template's segment as Prism compares it: decoded text, or the regular expression of a templated segment. */
type Segment = string | RegExp;

/** Prism's `matchPath` reading of a template, or undefined where Prism would throw (then its router decides). */
function compile(template: string): Segment[] | undefined {
  if (!template.startsWith("/")) return undefined;
  try {
    return template
      .split("/")
      .slice(1)
      .map(decodeSegment)
      .map((segment) =>
        /{(.+)}/.test(segment)
          ? new RegExp(segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{[^\\]+\\\}/g, "(.*)"))
          : segment,
      );
  } catch {
    return undefined;
  }
}

/** `route` answering the plain case itself and handing every other one to Prism's. */
export function withPlainRoute(route: Route): Route {
  const compiled = new WeakMap<Operation, Segment[] | null>();
  const segmentsOf = (operation: Operation) => {
    let segments = compiled.get(operation);
    if (segments === undefined) {
      segments = compile(operation.path) ?? null;
      compiled.set(operation, segments);
    }
    return segments;
  };
  return (options) => {
    const { resources, input } = options;
    const { path, baseUrl } = input.url;
    if (baseUrl || !path.startsWith("/")) return route(options);
    const method = input.method.toLowerCase();
    const requested = path.split("/").slice(1).map(decodeSegment);
    let found: Operation | undefined;
    for (const operation of resources) {
      const segments = segmentsOf(operation);
      if (segments === null) return route(options);
      if (segments.length !== requested.length || operation.method.toLowerCase() !== method) continue;
      const matches = segments.every((segment, i) =>
        typeof segment === "string" ? segment === requested[i] : segment.exec(requested[i] as string) !== null,
      );
      if (!matches) continue;
      if (found) return route(options);
      found = operation;
    }
    return found ? ({ _tag: "Right", right: found } as ReturnType<Route>) : route(options);
  };
}
