// Narrows a `q` search to the customers an index says can match, so a search does not run its predicate over every
// stored customer. The predicate still decides: the index only has to return every customer that can match (a
// superset), never fewer. It keys values by `upper(lower(value))`: whatever case folding the evaluator applies on
// top of lower-casing, a value equal to (or starting with) the clause's text still has an equal key (or one that
// starts with the text's key), as upper-casing maps each character on its own.
import type { PatternPart, QueryNode } from "../q/ast.js";

/** The index key of a value or of a clause's literal text. */
export const indexKey = (text: string) => text.toLowerCase().toUpperCase();

export interface Index<T> {
  /** The customers whose value at `path` has this key, or (with `prefix`) a key that starts with it (read-only). */
  lookup(path: string, key: string, prefix: boolean): readonly T[];
  /** The customers in both lists, in the order of `smaller`. */
  both(smaller: readonly T[], larger: readonly T[]): readonly T[];
  /** The customers in either list, each once. */
  either(left: readonly T[], right: readonly T[]): readonly T[];
}

/**
 * The candidates of a search, or `undefined` when the index cannot narrow it (a `NOT`, a range, a pattern that
 * starts with a wildcard): then every customer is a candidate. An `AND` takes the candidates both sides have, an
 * `OR` those of either side. The same customer is never listed twice.
 */
export function candidatesOf<T>(node: QueryNode, index: Index<T>): readonly T[] | undefined {
  switch (node.kind) {
    case "match": {
      const { text, exact } = leadingText(node.pattern);
      return text === "" ? undefined : index.lookup(node.path, indexKey(text), !exact);
    }
    case "and": {
      const left = candidatesOf(node.left, index);
      const right = candidatesOf(node.right, index);
      if (!left || !right) return left ?? right;
      return left.length <= right.length ? index.both(left, right) : index.both(right, left);
    }
    case "or": {
      const left = candidatesOf(node.left, index);
      const right = left && candidatesOf(node.right, index);
      return left && right ? index.either(left, right) : undefined;
    }
    default:
      return undefined;
  }
}

/** The literal text before the first wildcard; `exact` when the pattern has no wildcard at all. */
function leadingText(pattern: readonly PatternPart[]): { text: string; exact: boolean } {
  let text = "";
  for (const part of pattern) {
    if (!("literal" in part)) return { text, exact: false };
    text += part.literal;
  }
  return { text, exact: true };
}
