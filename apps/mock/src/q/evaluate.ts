// Turns a `q` syntax tree into a predicate over stored records: case-insensitive, wildcards, inclusive ranges.
import type { PatternPart, QueryNode } from "./ast.js";
import { QueryError } from "./query-error.js";
import { compareValues, isDateOnly, valueAt } from "./value-at.js";

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
      const matches = matcher(node.pattern);
      return (record) => {
        const value = valueAt(record, node.path);
        return value !== undefined && matches(value);
      };
    }
    case "range": {
      known(node.path, node.position, properties);
      const { path, from, to } = node;
      // A date alone as the upper bound means that whole day: created:[2024-01-01 TO 2024-12-31] includes Dec 31.
      const upper = to !== undefined && isDateOnly(to) ? new Date(Date.parse(to) + dayMs - 1).toISOString() : to;
      return (record) => {
        const value = valueAt(record, path);
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

function matcher(pattern: PatternPart[]): (value: string) => boolean {
  if (pattern.every((part) => "literal" in part)) {
    const expected = pattern
      .map((part) => ("literal" in part ? part.literal : ""))
      .join("")
      .toLowerCase();
    return (value) => value.toLowerCase() === expected;
  }
  const source = pattern
    .map((part) =>
      "literal" in part ? part.literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : part.wildcard === "*" ? ".*" : ".",
    )
    .join("");
  const regex = new RegExp(`^${source}$`, "is");
  return (value) => regex.test(value);
}
