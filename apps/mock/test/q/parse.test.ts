// The q parser: grammar and precedence, positions in errors, and (fast-check) that it never fails any other way.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QueryNode } from "../../src/q/ast.js";
import { parseQuery } from "../../src/q/parse.js";
import { QueryError } from "../../src/q/query-error.js";

const match = (path: string, literal: string) => ({ kind: "match", path, pattern: [{ literal }] });
// Positions are checked in their own tests; structure comparisons leave them out.
const shape = (node: QueryNode): unknown =>
  node.kind === "and" || node.kind === "or"
    ? { kind: node.kind, left: shape(node.left), right: shape(node.right) }
    : node.kind === "not"
      ? { kind: "not", operand: shape(node.operand) }
      : { ...node, position: undefined };
const parsed = (q: string) => shape(parseQuery(q));
const strip = (value: object) => ({ ...value, position: undefined });

describe("grammar", () => {
  it("reads a clause on a dotted path and URL-decodes its value", () => {
    expect(parsed("contact.email:max.mustermann%40example.com")).toEqual(
      strip(match("contact.email", "max.mustermann@example.com")),
    );
  });

  it("keeps raw * and ? as wildcards and encoded ones as text", () => {
    expect(parsed("contact.forename:J??n*%2A")).toEqual({
      kind: "match",
      path: "contact.forename",
      pattern: [
        { literal: "J" },
        { wildcard: "?" },
        { wildcard: "?" },
        { literal: "n" },
        { wildcard: "*" },
        { literal: "*" },
      ],
      position: undefined,
    });
  });

  it("reads ranges with open ends and quoted phrases", () => {
    expect(parsed("created:[2024-01-01 TO *]")).toEqual({
      kind: "range",
      path: "created",
      from: "2024-01-01",
      to: undefined,
      position: undefined,
    });
    expect(parsed('contact.surname:"van der Berg"')).toEqual(strip(match("contact.surname", "van der Berg")));
  });

  it("binds NOT tighter than AND, and AND tighter than OR", () => {
    const [a, b, c] = ["a:1", "b:2", "c:3"];
    const [A, B, C] = [strip(match("a", "1")), strip(match("b", "2")), strip(match("c", "3"))];
    expect(parsed(`${a} OR ${b} AND ${c}`)).toEqual({ kind: "or", left: A, right: { kind: "and", left: B, right: C } });
    expect(parsed(`${a} AND ${b} OR ${c}`)).toEqual({ kind: "or", left: { kind: "and", left: A, right: B }, right: C });
    expect(parsed(`NOT ${a} AND ${b}`)).toEqual({ kind: "and", left: { kind: "not", operand: A }, right: B });
    expect(parsed(`(${a} OR ${b}) AND ${c}`)).toEqual({
      kind: "and",
      left: { kind: "or", left: A, right: B },
      right: C,
    });
  });

  it("parses the documented example", () => {
    const tree = parsed("(NOT contact.surname:meier*) AND (contact.forename:J??n OR contact.forename:Max)");
    expect(tree).toMatchObject({ kind: "and", left: { kind: "not" }, right: { kind: "or" } });
  });
});

describe("errors name the position", () => {
  it.each([
    ["(a:1", 5, 'missing ")"'],
    ["a:1)", 4, 'unexpected ")"'],
    ["a:1 b:2", 5, "expected AND, OR"],
    ["AND a:1", 1, "expected a clause"],
    ["a:1 AND", 8, "found the end"],
    ["email", 1, "expected property:value"],
    ["a:", 3, 'missing value after "a:"'],
    ["a.:1", 1, "not a property path"],
    ["a:[1 TO", 8, "expected a range bound"],
    ["a:[1 2]", 6, 'expected "TO"'],
    ['a:"open', 3, "unterminated quoted value"],
  ])("%j fails at %i", (q, position, reason) => {
    const error = (() => {
      try {
        parseQuery(q);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).position).toBe(position);
    expect((error as QueryError).message).toContain(reason);
    expect((error as QueryError).message).toContain(`at position ${position}`);
  });
});

// Random trees printed with parentheses around every compound part parse back to themselves.
const literal = fc.string({ minLength: 1, maxLength: 8 });
const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({
    kind: fc.constant("match" as const),
    path: fc.constantFrom("id", "contact.email", "contact.address.city"),
    pattern: fc.array(
      fc.oneof(
        literal.map((text) => ({ literal: text })),
        fc.constantFrom("*", "?").map((w) => ({ wildcard: w as "*" | "?" })),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    position: fc.constant(0),
  }),
  fc.record({
    kind: fc.constant("range" as const),
    path: fc.constantFrom("created", "contact.surname"),
    from: fc.option(literal, { nil: undefined }),
    to: fc.option(literal, { nil: undefined }),
    position: fc.constant(0),
  }),
);
const { tree } = fc.letrec<{ tree: QueryNode }>((self) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constantFrom("and" as const, "or" as const), left: self("tree"), right: self("tree") }),
    fc.record({ kind: fc.constant("not" as const), operand: self("tree") }),
  ),
}));

const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
function print(node: QueryNode): string {
  switch (node.kind) {
    case "and":
    case "or":
      return `(${print(node.left)} ${node.kind.toUpperCase()} ${print(node.right)})`;
    case "not":
      return `NOT ${print(node.operand)}`;
    case "match":
      return `${node.path}:${node.pattern.map((part) => ("literal" in part ? encode(part.literal) : part.wildcard)).join("")}`;
    case "range":
      return `${node.path}:[${node.from === undefined ? "*" : encode(node.from)} TO ${node.to === undefined ? "*" : encode(node.to)}]`;
  }
}
// Adjacent literals print as one, so compare with neighbouring literals merged.
function normal(node: QueryNode): unknown {
  if (node.kind === "and" || node.kind === "or")
    return { kind: node.kind, left: normal(node.left), right: normal(node.right) };
  if (node.kind === "not") return { kind: "not", operand: normal(node.operand) };
  if (node.kind === "range") return { ...node, position: undefined };
  if (node.kind !== "match") throw new Error("unreachable");
  const pattern: object[] = [];
  for (const part of node.pattern) {
    const previous = pattern[pattern.length - 1] as { literal?: string } | undefined;
    if ("literal" in part && previous?.literal !== undefined) previous.literal += part.literal;
    else pattern.push({ ...part });
  }
  return { ...node, pattern, position: undefined };
}

describe("properties (fast-check)", () => {
  it("a printed tree parses back to the same tree", () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(normal(parseQuery(print(node)))).toEqual(normal(node));
      }),
      {
        numRuns: 500,
      },
    );
  });

  it("any text either parses or fails with a QueryError whose position is inside the text (or just after it)", () => {
    const alphabet = fc.constantFrom(...'ab.:*?()[] "%TOANDRNOT'.split(""), "AND", "OR", "NOT", "TO", "c:1");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join("")),
        ),
        (q) => {
          try {
            parseQuery(q);
          } catch (error) {
            expect(error).toBeInstanceOf(QueryError);
            expect((error as QueryError).position).toBeGreaterThanOrEqual(1);
            expect((error as QueryError).position).toBeLessThanOrEqual(q.length + 1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
