import { validationError } from "./errors.js";

// The checks of the client's options (at construction) and of each call's (before anything is sent).
// Messages never repeat a header value: it may be a token.

/** `timeoutMs`: a positive number of milliseconds below 2^31 (Node's timer limit), or `Infinity` for none. */
export function checkTimeoutMs(value: unknown): void {
  if (value === undefined || value === Infinity) return;
  if (typeof value !== "number" || !(value > 0 && value < 2 ** 31)) {
    throw validationError(`timeoutMs must be a number of milliseconds from 1 to 2147483647, or Infinity for none`);
  }
}

/** `maxRetries`: a whole number, 0 or more. */
export function checkMaxRetries(value: unknown): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    throw validationError("maxRetries must be a whole number, 0 or more");
  }
}

/** A header value the `Headers` class accepts: no CR, LF or NUL (which would otherwise fail every call later). */
export function checkHeaderValue(name: string, value: unknown): void {
  if (typeof value !== "string" || /[\r\n\0]/.test(value)) {
    throw validationError(`${name} must be a string without CR, LF or NUL`);
  }
}

/** The per-call options: `timeoutMs`, `maxRetries`, `headers`. */
export function checkRequestOptions(timeoutMs: unknown, maxRetries: unknown, headers: unknown): void {
  checkTimeoutMs(timeoutMs);
  checkMaxRetries(maxRetries);
  // A plain object (a `Headers` or an array of pairs checks itself); `undefined` and `null` remove a header.
  if (headers && !Array.isArray(headers) && !(headers instanceof Headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (value != null) checkHeaderValue(`The header ${JSON.stringify(name)}`, String(value));
    }
  }
}
