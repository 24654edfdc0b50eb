// Turns a `q` syntax tree into a predicate over stored records: case-insensitive, wildcards, inclusive ranges.
// Everything that does not depend on the record (paths, folded patterns, bounds) is prepared once per search.
import type { QueryNode } from "./ast.js";
import { fold } from "./fold.js";
import { type Budget, compileGlob } from "./glob.js";
import { maxSearchSteps } from "./limits.js";
import { QueryError } from "./query-error.js";
import { compileRange } from "./range.js";
import { valueReader } from "./value-at.js";

export type RecordPredicate = (record: unknown) => boolean;

/**
 * Compiles the tree once, for one search over many records. Throws a {@link QueryError} for a path that is not
 * one of `properties`; the predicate throws one when the search needs more work than `maxSearchSteps` allows.
 * One compiled predicate is one search: its budget is spent over all the records it is called on.
 */
export function compileQuery(node: QueryNode, properties: ReadonlySet<string>): RecordPredicate {
  return compileNode(node, properties, { steps: maxSearchSteps });
}

// Checked before each clause on each record, so no clause starts once the search has spent its budget.
function spend(budget: Budget): void {
  if (--budget.steps < 0) {
    throw new QueryError(`the search needs more than ${maxSearchSteps} steps; use fewer clauses or wildcards`, 1);
  }
}

function compileNode(node: QueryNode, properties: ReadonlySet<string>, budget: Budget): RecordPredicate {
  switch (node.kind) {
    case "and": {
      const [left, right] = [compileNode(node.left, properties, budget), compileNode(node.right, properties, budget)];
      return (record) => left(record) && right(record);
    }
    case "or": {
      const [left, right] = [compileNode(node.left, properties, budget), compileNode(node.right, properties, budget)];
      return (record) => left(record) || right(record);
    }
    case "not": {
      const operand = compileNode(node.operand, properties, budget);
      return (record) => !operand(record);
    }
    case "match": {
      known(node.path, node.position, properties);
      const [read, matches] = [valueReader(node.path), compileGlob(node.pattern)];
      return (record) => {
        spend(budget);
        const value = read(record);
        return value !== undefined && matches(fold(value), budget);
      };
    }
    case "range": {
      known(node.path, node.position, properties);
      const [read, inRange] = [valueReader(node.path), compileRange(node.from, node.to)];
      return (record) => {
        spend(budget);
        const value = read(record);
        return value !== undefined && inRange(value);
      };
    }
  }
}

function known(path: string, position: number, properties: ReadonlySet<string>): void {
  if (!properties.has(path)) throw new QueryError(`unknown property "${path}"`, position);
}
