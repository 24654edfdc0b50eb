import type { PaymentCustomer } from "@payment-customers/types";
import { shown, validationError } from "./errors.js";

declare const queryBrand: unique symbol;

/** A `q` expression built with {@link query}. It is a string, so it fits wherever `q` goes. */
export type Query = string & { readonly [queryBrand]: true };

type LeafPaths<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends object ? `${K}.${LeafPaths<NonNullable<T[K]>>}` : K;
}[keyof T & string];

/** A property `q` can filter on, derived from the customer's schema: `id`, `created`, `contact.email`, `contact.address.city`, ... */
export type QueryPath = LeafPaths<PaymentCustomer>;

/** A value to compare with; numbers are written as they are. */
export type QueryValue = string | number;

// Like the official demos, URL-encode the value (the whole `q` is encoded again as a query parameter).
// encodeURIComponent leaves !'()* alone; parentheses are `q` syntax and `*` a wildcard, so encode those too.
// Untyped callers may pass anything: `undefined` would become the text "undefined", a lone surrogate a URIError.
// The API refuses an empty value, so it is refused here, before a request.
export function encodeValue(value: QueryValue): string {
  if (value === "") throw validationError("Not a query value: the empty string (the API refuses an empty value)");
  try {
    if (typeof value === "string" || Number.isFinite(value)) {
      return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
  } catch {}
  throw validationError(`Not a query value (a string or a finite number, well-formed): got ${shown(value)}`);
}

// An encoded value holds only letters, digits, `-_.~` and `%`: it is syntax only when it is a keyword. A range
// bound stands alone, so a keyword there is quoted, as in Lucene (`["TO" TO *]`); after `path:` it is just text.
const keywords = new Set(["AND", "OR", "NOT", "TO"]);
const bound = (value: QueryValue | undefined) => {
  if (value === undefined) return "*";
  const encoded = encodeValue(value);
  return keywords.has(encoded) ? `"${encoded}"` : encoded;
};

function clause(path: QueryPath, condition: () => string): Query {
  // The types allow only known paths; this stops untyped callers from smuggling syntax in through one.
  if (typeof path !== "string" || !/^[a-z_]+(\.[a-z_]+)*$/.test(path)) {
    throw validationError(`Not a property path: got ${shown(path)}`);
  }
  return `${path}:${condition()}` as Query;
}

const group = (operand: Query) => (/^NOT | (AND|OR) /.test(operand) ? `(${operand})` : operand);
const join = (operator: string, operands: Query[]) => operands.map(group).join(` ${operator} `) as Query;

/**
 * Builds `q` search expressions, so values are encoded the way the API expects and no one concatenates strings.
 *
 * - `eq`: exact match. `*` and `?` in the value are encoded like every other special character, so they never act
 *   as wildcards.
 * - `like`: wildcard match. `*` (any run of characters) and `?` (one character) stay wildcards; the rest is encoded.
 * - `range`: `[from TO to]`, both ends included; leave an end out for an open range. A bound that is a keyword
 *   (`AND`, `OR`, `NOT`, `TO`) is quoted.
 * - `and`, `or`, `not`: combine expressions; compound operands are put in parentheses.
 *
 * Values are never empty: the API refuses an empty value, so `eq(path, "")` throws a `validation` error.
 *
 * @example
 * ```ts
 * const q = query.and(query.like("contact.surname", "Muster*"), query.not(query.eq("contact.address.city", "Berlin")));
 * // contact.surname:Muster* AND (NOT contact.address.city:Berlin)
 * const page = await client.customers.search(q, { count: 10 });
 * ```
 */
export const query = {
  eq: (path: QueryPath, value: QueryValue): Query => clause(path, () => encodeValue(value)),
  like: (path: QueryPath, pattern: string): Query =>
    clause(path, () =>
      encodeValue(pattern)
        .split(/(%2A|%3F)/)
        .map((part, i) => (i % 2 ? (part === "%2A" ? "*" : "?") : part))
        .join(""),
    ),
  range: (path: QueryPath, from?: QueryValue, to?: QueryValue): Query =>
    clause(path, () => `[${bound(from)} TO ${bound(to)}]`),
  and: (...operands: [Query, ...Query[]]): Query => join("AND", operands),
  or: (...operands: [Query, ...Query[]]): Query => join("OR", operands),
  not: (operand: Query): Query => `NOT ${group(operand)}` as Query,
};
