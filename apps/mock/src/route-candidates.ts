// Prism's router compares the request's path with every operation's path template on each request, splitting and
// decoding every template again (`matchPath`). Which operations a path can match follows from the templates alone:
// this reads them once and hands Prism only the operations whose literal segments equal the request's. Prism's
// router still decides among those, with its own rules and errors: what it is given keeps the operations' order,
// and a path that no template can match gets every operation, so Prism answers it as before (no such path).

interface Routable {
  path: string;
}

/** Prism's reading of a path segment (`decodePathFragment`): percent-decoded when it can be, as it is. */
export function decodeSegment(segment: string): string {
  try {
    return segment && decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Prism's test for a templated segment (`{name}`, also inside a longer segment). */
const templated = (segment: string) => /{(.+)}/.test(segment);

/** A function from a request path to the operations Prism's router needs to look at, in their original order. */
export function routeCandidates<T extends Routable>(operations: T[]): (path: string) => T[] {
  // Per segment count: each operation with its literal segments (undefined where the template has a parameter).
  const bySegments = new Map<number, { operation: T; literals: (string | undefined)[] }[]>();
  for (const operation of operations) {
    const literals = operation.path
      .split("/")
      .slice(1)
      .map((segment) => (templated(segment) ? undefined : decodeSegment(segment)));
    const group = bySegments.get(literals.length) ?? [];
    group.push({ operation, literals });
    bySegments.set(literals.length, group);
  }
  return (path) => {
    const segments = path.split("/").slice(1).map(decodeSegment);
    const candidates: T[] = [];
    for (const { operation, literals } of bySegments.get(segments.length) ?? []) {
      if (literals.every((literal, i) => literal === undefined || literal === segments[i])) candidates.push(operation);
    }
    return candidates.length > 0 ? candidates : operations;
  };
}
