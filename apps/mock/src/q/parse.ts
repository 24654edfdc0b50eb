// The grammar of `q`, by recursive descent (OR binds loosest, then AND, then NOT):
//   query   = or
//   or      = and { "OR" and }
//   and     = unary { "AND" unary }
//   unary   = "NOT" unary | primary
//   primary = "(" or ")" | clause
//   clause  = path ":" ( value | phrase | "[" bound "TO" bound "]" )
//   bound   = value | phrase | "*"
// A value that is a keyword or holds a character of the syntax is quoted ("TO", "van der Berg") or escaped with a
// backslash (\TO, van\ der\ Berg), as in Lucene's query_string; URL-encoding it (as the official demos do) works too.
import type { PatternPart, QueryNode } from "./ast.js";
import { impossibleDate } from "./dates.js";
import { maxClauses, maxDepth, maxStars, maxValueLength } from "./limits.js";
import { QueryError } from "./query-error.js";
import { type Token, tokenize } from "./tokens.js";

const pathPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const keywords = new Set(["AND", "OR", "NOT", "TO"]);

/** Parses a `q` expression; throws a {@link QueryError} naming the position of the first problem. */
export function parseQuery(q: string): QueryNode {
  const tokens = tokenize(q);
  let next = 0;
  const peek = (): Token | undefined => tokens[next];
  const endPosition = q.length + 1;
  const describe = (token: Token) =>
    token.kind === "term" || token.kind === "phrase" ? `"${token.text}"` : `"${token.kind}"`;
  const isKeyword = (token: Token | undefined, word: string) => token?.kind === "term" && token.text === word;
  let [depth, clauses] = [0, 0];
  const deeper = (token: Token) => {
    if (++depth > maxDepth) throw new QueryError(`more than ${maxDepth} levels of parentheses and NOT`, token.position);
  };

  function or(): QueryNode {
    let left = and();
    while (isKeyword(peek(), "OR")) {
      next++;
      left = { kind: "or", left, right: and() };
    }
    return left;
  }

  function and(): QueryNode {
    let left = unary();
    for (;;) {
      const token = peek();
      if (isKeyword(token, "AND")) {
        next++;
        left = { kind: "and", left, right: unary() };
      } else if (token && token.kind !== ")" && !isKeyword(token, "OR")) {
        throw new QueryError(`expected AND, OR or ")" before ${describe(token)}`, token.position);
      } else {
        return left;
      }
    }
  }

  function unary(): QueryNode {
    const token = peek();
    if (token && isKeyword(token, "NOT")) {
      next++;
      deeper(token);
      const operand = unary();
      depth--;
      return { kind: "not", operand };
    }
    return primary();
  }

  function primary(): QueryNode {
    const token = peek();
    if (!token) throw new QueryError("expected a clause such as contact.email:value, found the end", endPosition);
    if (token.kind === "(") {
      next++;
      deeper(token);
      const inner = or();
      depth--;
      const close = peek();
      if (close?.kind !== ")") {
        throw new QueryError(`missing ")" for the "(" at position ${token.position}`, close?.position ?? endPosition);
      }
      next++;
      return inner;
    }
    if (token.kind === "term" && !keywords.has(token.text)) return clause(token);
    throw new QueryError(`expected a clause such as contact.email:value, found ${describe(token)}`, token.position);
  }

  function clause(token: Token & { kind: "term" }): QueryNode {
    next++;
    if (++clauses > maxClauses) throw new QueryError(`more than ${maxClauses} clauses`, token.position);
    const colon = token.text.indexOf(":");
    if (colon < 0) throw new QueryError(`expected property:value, found "${token.text}"`, token.position);
    const path = token.text.slice(0, colon);
    if (!pathPattern.test(path)) throw new QueryError(`"${path}" is not a property path`, token.position);
    const value = token.text.slice(colon + 1);
    if (value !== "") {
      return { kind: "match", path, pattern: bounded(text(value, true), token.position), position: token.position };
    }

    const following = peek();
    if (following?.position !== token.end) {
      throw new QueryError(`missing value after "${path}:"`, token.end);
    }
    if (following.kind === "phrase") {
      next++;
      const literal = bounded(text(following.text, false), following.position);
      return {
        kind: "match",
        path,
        pattern: literal.length > 0 ? literal : [{ literal: "" }],
        position: token.position,
      };
    }
    if (following.kind === "[") {
      next++;
      const from = bound();
      const to = peek();
      if (!isKeyword(to, "TO")) throw new QueryError('expected "TO" in the range', to?.position ?? endPosition);
      next++;
      const upper = bound();
      const close = peek();
      if (close?.kind !== "]")
        throw new QueryError('missing "]" at the end of the range', close?.position ?? endPosition);
      next++;
      return { kind: "range", path, from, to: upper, position: token.position };
    }
    throw new QueryError(`missing value after "${path}:"`, token.end);
  }

  function bound(): string | undefined {
    const token = peek();
    if (token?.kind === "term" && token.text === "*") {
      next++;
      return undefined;
    }
    if ((token?.kind !== "term" && token?.kind !== "phrase") || isKeyword(token, "TO")) {
      const hint = isKeyword(token, "TO") ? '; the word TO as a value is written "TO" or \\TO' : "";
      throw new QueryError(`expected a range bound (a value or *)${hint}`, token?.position ?? endPosition);
    }
    next++;
    const value = bounded(text(token.text, false), token.position)
      .map((part) => ("literal" in part ? part.literal : ""))
      .join("");
    const impossible = impossibleDate(value);
    if (impossible) throw new QueryError(`"${value}" is not a date: ${impossible}`, token.position);
    return value;
  }

  const tree = or();
  const rest = peek();
  if (rest) throw new QueryError(`unexpected ${describe(rest)}`, rest.position);
  return tree;
}

/**
 * Reads a value as written. Values arrive URL-encoded once more (as the official demos send them) and are decoded;
 * with `wildcards`, a raw `*` or `?` is a wildcard, an encoded one (%2A, %3F) is text. A backslash makes the
 * character after it text as it stands (`\*`, `\%`), never decoded.
 */
function text(raw: string, wildcards: boolean): PatternPart[] {
  const parts: PatternPart[] = [];
  let encoded = "";
  const literal = (literal: string) => {
    const last = parts[parts.length - 1];
    if (last && "literal" in last) last.literal += literal;
    else if (literal !== "") parts.push({ literal });
  };
  const flush = () => {
    literal(decode(encoded));
    encoded = "";
  };
  for (let i = 0; i < raw.length; ) {
    const char = raw.charAt(i);
    if (char === "\\") {
      flush();
      const escaped = String.fromCodePoint(raw.codePointAt(i + 1) as number); // the lexer checked there is one
      literal(escaped);
      i += 1 + escaped.length;
    } else if (wildcards && (char === "*" || char === "?")) {
      flush();
      parts.push({ wildcard: char });
      i++;
    } else {
      encoded += char;
      i++;
    }
  }
  flush();
  return parts;
}

// The pattern rules (see limits.ts): a longer value or more `*` than this is refused, never slowly matched.
function bounded(pattern: PatternPart[], position: number): PatternPart[] {
  let [length, stars, previousStar] = [0, 0, false];
  for (const part of pattern) {
    const star = "wildcard" in part && part.wildcard === "*";
    if (star && !previousStar) stars++;
    previousStar = star;
    length += "literal" in part ? [...part.literal].length : 1;
  }
  if (length > maxValueLength) {
    throw new QueryError(`a value may hold at most ${maxValueLength} characters, this one holds ${length}`, position);
  }
  if (stars > maxStars)
    throw new QueryError(`a value may hold at most ${maxStars} "*", this one holds ${stars}`, position);
  return pattern;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // not URL-encoded after all (a lone "%"): take it as it is
  }
}
