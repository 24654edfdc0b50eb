import { validationError } from "./errors.js";

// The checks of the client's options (at construction) and of each call's (before anything is sent).
// Messages never repeat a header value: it may be a token.

/** A whole number from `min`, or `Infinity` where `infinite`: `maxRetries`, `maxResponseBytes`, `pageSize`, `limit`. */
export function checkWholeNumber(name: string, value: unknown, min: number, infinite?: boolean): void {
  if (!((infinite && value === Infinity) || (Number.isSafeInteger(value) && (value as number) >= min)))
    throw validationError(`${name} must be a whole number, ${min} or more`);
}

/** A header value the `Headers` class accepts: no CR, LF or NUL (which would otherwise fail every call later). */
export function checkHeaderValue(name: string, value: unknown): void {
  if (typeof value !== "string" || /[\r\n\0]/.test(value))
    throw validationError(`${name} must be a string without CR, LF or NUL`);
}

/**
 * The per-call options: `timeoutMs` (more than 0 and below 2^31, Node's timer limit, or `Infinity` for none),
 * `maxRetries`, `headers`.
 */
export function checkRequestOptions(timeoutMs: unknown, maxRetries: unknown, headers: unknown): void {
  if (
    timeoutMs !== undefined &&
    timeoutMs !== Infinity &&
    !(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs < 2 ** 31)
  )
    throw validationError("timeoutMs must be 1 to 2147483647, or Infinity");
  if (maxRetries !== undefined) checkWholeNumber("maxRetries", maxRetries, 0);
  // A plain object (a `Headers` or an array of pairs checks itself); `undefined` and `null` remove a header.
  if (headers && !Array.isArray(headers) && !(headers instanceof Headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (value != null) checkHeaderValue(`The header ${JSON.stringify(name)}`, String(value));
    }
  }
}
