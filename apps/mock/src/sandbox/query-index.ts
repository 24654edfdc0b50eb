// Narrows a `q` search to the customers an index says can match, so a search does not run its predicate over every
// stored customer. The index keys each value by its fold (q/fold.ts, the evaluator's case-insensitive form): a
// clause whose pattern is literal text, or literal text and a trailing `*`, matches exactly the customers whose key
// equals (or starts with) the clause's folded text, so the index answers it alone. Any other clause (a `?` or an
// inner `*`, a `NOT`, a range, a pattern that starts with a wildcard) is left for the predicate, run only on the
// candidates the rest of the search narrowed to.
import type { PatternPart, QueryNode } from "../q/ast.js";
import { fold } from "../q/fold.js";

/** The index key of a value or of a clause's literal text. */
export const indexKey = fold;

/** Sets of customers `S`, as the store represents them (its index's lists, without copying them). */
export interface Index<S> {
  /** The customers whose value at `path` has this key, or (with `prefix`) a key that starts with it. */
  lookup(path: string, key: string, prefix: boolean): S;
  size(set: S): number;
  /** The customers in both sets. */
  both(smaller: S, larger: S): S;
  /** The customers in either set, each once. */
  either(left: S, right: S): S;
  /** The customers of `set` that are not in `excluded`. */
  without(set: S, excluded: S): S;
}

/** Subtracting a `NOT`'s customers is worth it while they are not many more than the candidates they are taken from. */
const subtractUpTo = 16;

/**
 * What the index makes of a search: `candidates`, every customer that can match (`undefined`: all of them, the index
 * cannot narrow it), and `rest`, what the predicate must still check of each candidate (`undefined`: nothing, the
 * candidates are the matches). The same customer is never listed twice.
 */
export interface Narrowed<S> {
  candidates: S | undefined;
  rest: QueryNode | undefined;
}

/** An `AND` takes the candidates both sides have, and checks what either side left; an `OR` takes either side's. */
export function candidatesOf<S>(node: QueryNode, index: Index<S>): Narrowed<S> {
  switch (node.kind) {
    case "match": {
      const { text, exact, prefixOnly } = leadingText(node.pattern);
      if (text === "") return { candidates: undefined, rest: node };
      const candidates = index.lookup(node.path, indexKey(text), !exact);
      return { candidates, rest: exact || prefixOnly ? undefined : node };
    }
    case "and": {
      const left = candidatesOf(node.left, index);
      const right = candidatesOf(node.right, index);
      // `… AND NOT contact.forename:Erika`: the index's Erikas are taken away, rather than checked one by one.
      for (const [kept, negated] of [
        [left, node.right],
        [right, node.left],
      ] as const) {
        if (!kept.candidates || negated.kind !== "not") continue;
        const excluded = candidatesOf(negated.operand, index);
        if (!excluded.candidates || excluded.rest) continue;
        if (index.size(excluded.candidates) > subtractUpTo * index.size(kept.candidates)) continue;
        return { candidates: index.without(kept.candidates, excluded.candidates), rest: kept.rest };
      }
      const rest =
        left.rest && right.rest ? { ...node, left: left.rest, right: right.rest } : (left.rest ?? right.rest);
      if (!left.candidates || !right.candidates) return { candidates: left.candidates ?? right.candidates, rest };
      const [smaller, larger] =
        index.size(left.candidates) <= index.size(right.candidates)
          ? [left.candidates, right.candidates]
          : [right.candidates, left.candidates];
      return { candidates: index.both(smaller, larger), rest };
    }
    case "or": {
      const left = candidatesOf(node.left, index);
      const right = left.candidates && candidatesOf(node.right, index);
      if (!left.candidates || !right?.candidates) return { candidates: undefined, rest: node };
      // A candidate of one side that fails that side's rest may still match the other: the whole `OR` decides.
      return {
        candidates: index.either(left.candidates, right.candidates),
        rest: left.rest || right.rest ? node : undefined,
      };
    }
    default:
      return { candidates: undefined, rest: node };
  }
}

/**
 * The literal text before the first wildcard; `exact` when the pattern has no wildcard at all, `prefixOnly` when
 * only `*`s follow the text (`muster*`: the key starts with the text, nothing more to check).
 */
function leadingText(pattern: readonly PatternPart[]): { text: string; exact: boolean; prefixOnly: boolean } {
  let text = "";
  for (const [at, part] of pattern.entries()) {
    if ("literal" in part) {
      text += part.literal;
      continue;
    }
    const prefixOnly = pattern.slice(at).every((rest) => "wildcard" in rest && rest.wildcard === "*");
    return { text, exact: false, prefixOnly };
  }
  return { text, exact: true, prefixOnly: false };
}
