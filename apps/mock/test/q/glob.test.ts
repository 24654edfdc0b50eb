// The wildcard matcher never backtracks: its work is bounded by the value's length times the pattern's, counted in
// steps, so the probe patterns that froze the sandbox with a backtracking RegExp cost a few hundred steps.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../../vitest.fast-check.mjs";
import type { PatternPart } from "../../src/q/ast.js";
import { compileGlob } from "../../src/q/glob.js";
import { parseQuery } from "../../src/q/parse.js";

const patternOf = (written: string) => {
  const node = parseQuery(`a:${written}`);
  if (node.kind !== "match") throw new Error("not a match");
  return node.pattern;
};
const stepsOf = (pattern: PatternPart[], value: string) => {
  const budget = { steps: 0 };
  const matches = compileGlob(pattern)(value, budget);
  return { matches, steps: -budget.steps };
};
const length = (pattern: PatternPart[]) =>
  pattern.reduce((sum, part) => sum + ("literal" in part ? [...part.literal].length : 1), 0);

describe("the probe patterns", () => {
  it("30 stars and an x against a surname: one collapsed star, a few steps", () => {
    const { matches, steps } = stepsOf(patternOf(`${"*".repeat(30)}x`), "mustermann");
    expect(matches).toBe(false);
    expect(steps).toBeLessThanOrEqual(4 * 11);
  });

  it("*a*a*a*a*b against 255 a's: linear, not exponential", () => {
    const value = "a".repeat(255);
    for (const written of ["*a*a*a*a*b", "*a*a*a*a*?b", "*a?a*a?a*a?b?"]) {
      const pattern = patternOf(written);
      const { matches, steps } = stepsOf(pattern, value);
      expect(matches).toBe(false);
      expect(steps).toBeLessThanOrEqual((value.length + 1) * (length(pattern) + 2));
    }
  });
});

// A plain (backtracking) reference on short inputs, where it is fast.
const reference = (pattern: PatternPart[], value: string) =>
  new RegExp(
    `^${pattern.map((part) => ("literal" in part ? part.literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : part.wildcard === "*" ? ".*" : ".")).join("")}$`,
    "su",
  ).test(value);

describe("properties (fast-check)", () => {
  const part = fc.oneof(
    fc.constantFrom("a", "b", "ab", "😀").map((literal): PatternPart => ({ literal })),
    fc.constantFrom("*", "?").map((wildcard): PatternPart => ({ wildcard: wildcard as "*" | "?" })),
  );
  const value = fc.array(fc.constantFrom("a", "b", "😀"), { maxLength: 12 }).map((chars) => chars.join(""));

  it("matches what a regular expression of the same pattern matches, within the linear bound of steps", () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), value, (pattern, text) => {
        const { matches, steps } = stepsOf(pattern, text);
        expect(matches).toBe(reference(pattern, text));
        expect(steps).toBeLessThanOrEqual(([...text].length + 1) * (length(pattern) + 2) + text.length + 1);
      }),
      { numRuns: runs(1000) },
    );
  });
});
