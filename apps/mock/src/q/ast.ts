/** A piece of a match pattern: literal text (already URL-decoded) or a wildcard. */
export type PatternPart = { literal: string } | { wildcard: "*" | "?" };

/** The syntax tree of a `q` expression. `position` points at the clause within `q` (1-based). */
export type QueryNode =
  | { kind: "and" | "or"; left: QueryNode; right: QueryNode }
  | { kind: "not"; operand: QueryNode }
  | { kind: "match"; path: string; pattern: PatternPart[]; position: number }
  | { kind: "range"; path: string; from?: string; to?: string; position: number };
