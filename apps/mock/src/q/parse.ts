// The grammar of `q`, by recursive descent (OR binds loosest, then AND, then NOT):
//   query   = or
//   or      = and { "OR" and }
//   and     = unary { "AND" unary }
//   unary   = "NOT" unary | primary
//   primary = "(" or ")" | clause
//   clause  = path ":" ( value | phrase | "[" bound "TO" bound "]" )
import type { PatternPart, QueryNode } from "./ast.js";
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
    if (isKeyword(peek(), "NOT")) {
      next++;
      return { kind: "not", operand: unary() };
    }
    return primary();
  }

  function primary(): QueryNode {
    const token = peek();
    if (!token) throw new QueryError("expected a clause such as contact.email:value, found the end", endPosition);
    if (token.kind === "(") {
      next++;
      const inner = or();
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
    const colon = token.text.indexOf(":");
    if (colon < 0) throw new QueryError(`expected property:value, found "${token.text}"`, token.position);
    const path = token.text.slice(0, colon);
    if (!pathPattern.test(path)) throw new QueryError(`"${path}" is not a property path`, token.position);
    const value = token.text.slice(colon + 1);
    if (value !== "") return { kind: "match", path, pattern: pattern(value), position: token.position };

    const following = peek();
    if (following?.position !== token.end) {
      throw new QueryError(`missing value after "${path}:"`, token.end);
    }
    if (following.kind === "phrase") {
      next++;
      return { kind: "match", path, pattern: [{ literal: decode(following.text) }], position: token.position };
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
    if (token?.kind !== "term" || token.text === "TO") {
      throw new QueryError("expected a range bound (a value or *)", token?.position ?? endPosition);
    }
    next++;
    return token.text === "*" ? undefined : decode(token.text);
  }

  const tree = or();
  const rest = peek();
  if (rest) throw new QueryError(`unexpected ${describe(rest)}`, rest.position);
  return tree;
}

// Values arrive URL-encoded once more (as the official demos send them); a raw `*` or `?` is a wildcard,
// an encoded one (%2A, %3F) is literal text.
function pattern(raw: string): PatternPart[] {
  return raw
    .split(/([*?])/)
    .filter((part) => part !== "")
    .map((part) => (part === "*" || part === "?" ? { wildcard: part } : { literal: decode(part) }));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // not URL-encoded after all (a lone "%"): take it as it is
  }
}
