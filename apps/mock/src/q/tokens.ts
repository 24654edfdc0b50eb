// The lexer of the `q` language: parentheses, brackets, quoted phrases and terms, each with its position.
// A backslash escapes the character after it, as in Lucene's query_string: `\ `, `\(`, `\"`, `\*`, `\TO` are text.
// Token texts keep their escapes; the parser reads them (a quoted phrase or an escaped word is never a keyword).
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
  // The index just after the escaped character; a backslash at the very end escapes nothing.
  const escaped = (at: number) => {
    if (at + 1 >= q.length) throw new QueryError('nothing to escape after "\\"', at + 1);
    return at + 1 + ((q.codePointAt(at + 1) as number) > 0xffff ? 2 : 1);
  };
  let i = 0;
  while (i < q.length) {
    const char = q.charAt(i);
    if (/\s/.test(char)) {
      i++;
    } else if (single.has(char)) {
      tokens.push({ kind: char as "(", position: i + 1, end: i + 2 });
      i++;
    } else if (char === '"') {
      let j = i + 1;
      while (j < q.length && q.charAt(j) !== '"') j = q.charAt(j) === "\\" ? escaped(j) : j + 1;
      if (j >= q.length) throw new QueryError('unterminated quoted value (missing ")', i + 1);
      tokens.push({ kind: "phrase", text: q.slice(i + 1, j), position: i + 1, end: j + 2 });
      i = j + 1;
    } else {
      let j = i;
      while (j < q.length && !termEnd.test(q.charAt(j))) j = q.charAt(j) === "\\" ? escaped(j) : j + 1;
      tokens.push({ kind: "term", text: q.slice(i, j), position: i + 1, end: j + 1 });
      i = j;
    }
  }
  return tokens;
}
