// The lexer of the `q` language: parentheses, brackets, quoted phrases and terms, each with its position.
import { QueryError } from "./query-error.js";

export type Token =
  | { kind: "(" | ")" | "[" | "]"; position: number; end: number }
  | { kind: "term"; text: string; position: number; end: number }
  | { kind: "phrase"; text: string; position: number; end: number };

const single = new Set(["(", ")", "[", "]"]);
const termEnd = /[\s()[\]"]/;

/** Splits `q` into tokens; positions are 1-based, `end` is the position just after the token. */
export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const char = q.charAt(i);
    if (/\s/.test(char)) {
      i++;
    } else if (single.has(char)) {
      tokens.push({ kind: char as "(", position: i + 1, end: i + 2 });
      i++;
    } else if (char === '"') {
      const close = q.indexOf('"', i + 1);
      if (close < 0) throw new QueryError('unterminated quoted value (missing ")', i + 1);
      tokens.push({ kind: "phrase", text: q.slice(i + 1, close), position: i + 1, end: close + 2 });
      i = close + 1;
    } else {
      let j = i;
      while (j < q.length && !termEnd.test(q.charAt(j))) j++;
      tokens.push({ kind: "term", text: q.slice(i, j), position: i + 1, end: j + 1 });
      i = j;
    }
  }
  return tokens;
}
