// What every answer of the engine gets on its way out: the API's error shapes for Prism's own refusals, the API's
// content headers, and the warning for what the mock carried out although the spec forbids it.
import type { IHttpResponse } from "@stoplight/prism-http";
import type { Tolerated } from "./request-rules.js";
import { formatError, internalError, methodNotAllowed, noSuchPath, oauthError } from "./sandbox/answers.js";

/** Prism refused the request before any mocking (no such path or method, a body type it cannot read). */
export function apiError(error: Error & { status?: number; detail?: string }, tokenPath: boolean): IHttpResponse {
  const status = error.status ?? 500;
  if (status >= 500) return internalError();
  if (tokenPath) return { ...oauthError("invalid_request", error.message || "Invalid request"), statusCode: status };
  if (status === 404) return noSuchPath();
  if (status === 405) return methodNotAllowed("GET, POST, PUT, DELETE, OPTIONS");
  return { ...formatError(error.message || error.name), statusCode: status };
}

/** Prism's answer headers as web `Headers` hold them: lower-case names, string values. */
export function headerRecord(source: IHttpResponse["headers"] | Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(source ?? {})) {
    const lower = name.toLowerCase();
    // Names differing only in case are one header, as in `Headers`: their values joined.
    headers[lower] = Object.hasOwn(headers, lower) ? `${headers[lower]}, ${value}` : String(value);
  }
  return headers;
}

/**
 * The API's content headers (recorded): JSON answers are `application/json; charset=UTF-8` with
 * `Content-Language: en_GB`.
 */
export function answerHeaderRecord(source: IHttpResponse["headers"] | Record<string, string>): Record<string, string> {
  const headers = headerRecord(source);
  if (/^application\/json\s*(;|$)/i.test(headers["content-type"] ?? "")) {
    headers["content-type"] = "application/json; charset=UTF-8";
    headers["content-language"] = "en_GB";
  }
  return headers;
}

/**
 * `Warning: 199 payment-customers-mock "..."` (RFC 7234's miscellaneous warning), one per rule: a standard header
 * that HTTP libraries show and proxies pass on. ASCII only, as a header value must be.
 */
export function warningHeader(tolerated: readonly Tolerated[]): string {
  return tolerated
    .map(({ text }) => {
      const quoted = text.replace(/["\\]/g, "\\$&");
      const ascii = quoted.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
      return `199 payment-customers-mock "${ascii}"`;
    })
    .join(", ")
    .slice(0, 8000);
}
