// Turns a `q` syntax tree into a predicate over stored records: case-insensitive, wildcards, inclusive ranges.
import type { PatternPart, QueryNode } from "./ast.js";
import { QueryError } from "./query-error.js";
import { compareValues, isDateOnly, valueReader } from "./value-at.js";

export type RecordPredicate = (record: unknown) => boolean;

const dayMs = 86_400_000;

/**
 * Compiles the tree once, so evaluating it over many records is cheap. Throws a {@link QueryError} for a path
 * that is not one of `properties`.
 */
export function compileQuery(node: QueryNode, properties: ReadonlySet<string>): RecordPredicate {
  switch (node.kind) {
    case "and": {
      const [left, right] = [compileQuery(node.left, properties), compileQuery(node.right, properties)];
      return (record) => left(record) && right(record);
    }
    case "or": {
      const [left, right] = [compileQuery(node.left, properties), compileQuery(node.right, properties)];
      return (record) => left(record) || right(record);
    }
    case "not": {
      const operand = compileQuery(node.operand, properties);
      return (record) => !operand(record);
    }
    case "match": {
      known(node.path, node.position, properties);
      const [read, matches] = [valueReader(node.path), matcher(node.pattern)];
      return (record) => {
        const value = read(record);
        return value !== undefined && matches(value.toLowerCase());
      };
    }
    case "range": {
      known(node.path, node.position, properties);
      const { from, to } = node;
      const read = valueReader(node.path);
      // A date alone as the upper bound means that whole day: created:[2024-01-01 TO 2024-12-31] includes Dec 31.
      const upper = to !== undefined && isDateOnly(to) ? new Date(Date.parse(to) + dayMs - 1).toISOString() : to;
      return (record) => {
        const value = read(record);
        if (value === undefined) return false;
        return (
          (from === undefined || compareValues(value, from) >= 0) &&
          (upper === undefined || compareValues(value, upper) <= 0)
        );
      };
    }
  }
}

function known(path: string, position: number, properties: ReadonlySet<string>): void {
  if (!properties.has(path)) throw new QueryError(`unknown property "${path}"`, position);
}

// Takes lower-case values. The common shapes (exact, prefix*, *suffix, *infix*) avoid a regular expression: a
// search scans every record.
function matcher(pattern: PatternPart[]): (value: string) => boolean {
  const text = (part: PatternPart | undefined) => (part && "literal" in part ? part.literal.toLowerCase() : undefined);
  const star = (part: PatternPart | undefined) => part !== undefined && "wildcard" in part && part.wildcard === "*";
  const [first, second, third] = pattern;
  if (pattern.length === 1 && text(first) !== undefined) {
    const expected = text(first) as string;
    return (value) => value === expected;
  }
  if (pattern.length === 2 && text(first) !== undefined && star(second)) {
    const prefix = text(first) as string;
    return (value) => value.startsWith(prefix);
  }
  if (pattern.length === 2 && star(first) && text(second) !== undefined) {
    const suffix = text(second) as string;
    return (value) => value.endsWith(suffix);
  }
  if (pattern.length === 3 && star(first) && text(second) !== undefined && star(third)) {
    const infix = text(second) as string;
    return (value) => value.includes(infix);
  }
  const source = pattern
    .map((part) =>
      "literal" in part ? part.literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : part.wildcard === "*" ? ".*" : ".",
    )
    .join("");
  const regex = new RegExp(`^${source}$`, "is");
  return (value) => regex.test(value);
}
