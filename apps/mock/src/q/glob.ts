// Wildcard matching without backtracking. Runs of `*` collapse into one; the `*`s cut the pattern into segments
// of fixed length (text and `?`). The first segment must match at the start, the last at the end, and each one
// between is taken at its leftmost place after the previous one: with fixed-length segments the leftmost place
// is never worse than a later one, so nothing is ever retried. The work is at most the value's length times the
// pattern's, counted in `budget.steps`. `?` is one character (code point): an emoji is one.
import type { PatternPart } from "./ast.js";
import { fold } from "./fold.js";

/** What a search may still spend; the matcher subtracts what it compares. */
export interface Budget {
  steps: number;
}

/** Tells whether an already folded value matches; spends from `budget`. */
export type Glob = (value: string, budget: Budget) => boolean;

const any = -1; // `?` in a segment of code points
const surrogates = /[\uD800-\uDFFF]/;

/** Compiles a pattern once (folding its text), for matching many values. */
export function compileGlob(pattern: readonly PatternPart[]): Glob {
  const segments: string[][] = [[]]; // each: text pieces and "?" markers, split at `*`
  for (const part of pattern) {
    if ("literal" in part) (segments[segments.length - 1] as string[]).push(fold(part.literal));
    else if (part.wildcard === "?") (segments[segments.length - 1] as string[]).push("?");
    else segments.push([]);
  }
  const hasAny = pattern.some((part) => "wildcard" in part && part.wildcard === "?");
  const [first, ...rest] = segments as [string[], ...string[][]];
  const last = rest.pop();
  return hasAny
    ? codePointGlob(first, rest, last)
    : textGlob(
        first.join(""),
        rest.map((s) => s.join("")),
        last?.join(""),
      );
}

// Without `?`, segments are plain text: startsWith, endsWith and indexOf on the string, which compare code units;
// for well-formed text that is the same as comparing code points.
function textGlob(first: string, middle: string[], last: string | undefined): Glob {
  const between = middle.filter((segment) => segment !== "");
  if (last === undefined) {
    return (value, budget) => {
      budget.steps -= value.length + 1;
      return value === first;
    };
  }
  // Steps: the characters each comparison covers, and for a search the stretch it scans (at most the value).
  return (value, budget) => {
    let [start, end] = [first.length, value.length - last.length];
    budget.steps -= first.length + last.length + 1;
    if (start > end || !value.startsWith(first) || !value.endsWith(last)) return false;
    for (const segment of between) {
      const at = value.indexOf(segment, start);
      budget.steps -= (at < 0 ? end : at + segment.length) - start + 1;
      if (at < 0 || at + segment.length > end) return false;
      start = at + segment.length;
    }
    return true;
  };
}

// With `?`, value and segments are compared as code points.
function codePointGlob(first: string[], middle: string[][], last: string[] | undefined): Glob {
  const points = (segment: string[]) => segment.flatMap((piece) => (piece === "?" ? [any] : codePoints(piece)));
  const [head, tail] = [points(first), last && points(last)];
  const between = middle.map(points).filter((segment) => segment.length > 0);
  return (text, budget) => {
    const value = surrogates.test(text) ? codePoints(text) : text; // without surrogates, units are code points
    budget.steps -= value.length + 1;
    if (tail === undefined) return value.length === head.length && matchesAt(value, 0, head, budget);
    let [start, end] = [head.length, value.length - tail.length];
    if (start > end || !matchesAt(value, 0, head, budget) || !matchesAt(value, end, tail, budget)) return false;
    for (const segment of between) {
      let at = start;
      while (at + segment.length <= end && !matchesAt(value, at, segment, budget)) at++;
      if (at + segment.length > end) return false;
      start = at + segment.length;
    }
    return true;
  };
}

function matchesAt(value: string | number[], at: number, segment: number[], budget: Budget): boolean {
  let i = 0;
  const point = typeof value === "string" ? (k: number) => value.charCodeAt(k) : (k: number) => value[k];
  while (i < segment.length && (segment[i] === any || segment[i] === point(at + i))) i++;
  budget.steps -= i + 1;
  return i === segment.length;
}

function codePoints(text: string): number[] {
  const result: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i) as number;
    result.push(point);
    if (point > 0xffff) i++;
  }
  return result;
}
