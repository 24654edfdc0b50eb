import type { ProductExceptionPayload } from "@payment-customers/types";

/**
 * What went wrong, so callers can branch without reading status codes:
 * - `auth`: 401, 403 (with `code` 2003 the token was rejected, other codes mean "not allowed"), or a token request that
 *   was rejected or gave no usable token
 * - `not_found`: 404
 * - `validation`: 400 or 422 from the API, or an argument or option the client refused before sending (a malformed id)
 * - `rate_limit`: 429 (see `retryAfter`)
 * - `server`: 5xx, or a success answer without the expected body (none, not JSON, an `iterate` page without progress)
 * - `network`: no answer (connection refused or reset, DNS failure)
 * - `timeout`: an attempt took longer than `timeoutMs`, or the server answered 408
 * - `api`: any other non-2xx status, or a redirect (never followed)
 */
export type PaymentCustomersErrorKind =
  | "auth"
  | "not_found"
  | "validation"
  | "rate_limit"
  | "server"
  | "network"
  | "timeout"
  | "api";

/** One problem a request validator found (from Prism's `sl-violations` header or a 422 body). */
export interface Violation {
  /** Where, e.g. `["body", "contact", "email"]`. */
  location?: string[];
  message: string;
}

/** What an error is made of; all fields but `kind` and `message` are optional. */
export interface PaymentCustomersErrorInit {
  kind: PaymentCustomersErrorKind;
  message: string;
  method?: string;
  path?: string;
  status?: number;
  exception?: string;
  code?: string | number;
  errorDetails?: string;
  errorUser?: string;
  supportId?: string;
  violations?: Violation[];
  retryAfter?: number;
  timeoutMs?: number;
  headers?: Headers;
  cause?: unknown;
}

/**
 * What every {@link PaymentCustomersError} may have, whatever its `kind`; each kind below says which fields it
 * surely has.
 */
export interface PaymentCustomersErrorBase extends Error {
  readonly name: "PaymentCustomersError";
  readonly kind: PaymentCustomersErrorKind;
  /** The HTTP method and the path (no query: it may hold personal data) of the failed request. */
  readonly method?: string;
  readonly path?: string;
  /** The HTTP status; absent when no answer arrived, or the client refused before sending. */
  readonly status?: number;
  /** The answer's headers (kept out of `toJSON()` and of `inspect`). */
  readonly headers?: Headers;
  /** The exception name (`error` on the wire), e.g. `ProductNotFoundException`, or the OAuth error, e.g. `invalid_client`. */
  readonly exception?: string;
  /** The API's error code, e.g. 2003 (token missing, invalid or expired). */
  readonly code?: string | number;
  /** Technical details for developers (`error_details`, or the OAuth `error_description`). */
  readonly errorDetails?: string;
  /** A text for end users, in German (`error_user`). */
  readonly errorUser?: string;
  /** The id to quote to secuconnect support. */
  readonly supportId?: string;
  /** What a request validator found wrong with the request (validation errors only). */
  readonly violations?: Violation[];
  /** Seconds the server asked to wait (`Retry-After`). */
  readonly retryAfter?: number;
  /** The limit an attempt exceeded (timeouts only). */
  readonly timeoutMs?: number;
  /** The safe fields, `message` included (an `Error`'s own `message` is not enumerable), for JSON loggers. */
  toJSON(): Omit<PaymentCustomersErrorInit, "cause" | "headers"> & { name: string };
}

/** 401/403, a rejected token request, or an `accessToken` function that failed. */
export interface AuthError extends PaymentCustomersErrorBase {
  readonly kind: "auth";
}
/** 404. */
export interface NotFoundError extends PaymentCustomersErrorBase {
  readonly kind: "not_found";
  readonly status: 404;
  readonly headers: Headers;
}
/** 400 or 422 from the API, or an argument the client refused before sending (then without `status`). */
export interface ValidationError extends PaymentCustomersErrorBase {
  readonly kind: "validation";
}
/** 429. */
export interface RateLimitError extends PaymentCustomersErrorBase {
  readonly kind: "rate_limit";
  readonly status: 429;
  readonly headers: Headers;
}
/** 5xx, or a success answer that is not what the API documents. */
export interface ServerError extends PaymentCustomersErrorBase {
  readonly kind: "server";
}
/** Any other non-2xx status, or a redirect (never followed): the status and the server's payload. */
export interface ApiError extends PaymentCustomersErrorBase {
  readonly kind: "api";
  readonly status: number;
  readonly headers: Headers;
}
/** No answer: connection refused or reset, DNS failure (`cause` says which). */
export interface NetworkError extends PaymentCustomersErrorBase {
  readonly kind: "network";
  readonly status?: undefined;
}
/** An attempt took longer than `timeoutMs` (the limit it had), or the server answered 408. */
export type TimeoutError =
  | (PaymentCustomersErrorBase & { readonly kind: "timeout"; readonly timeoutMs: number; readonly status?: undefined })
  | (PaymentCustomersErrorBase & { readonly kind: "timeout"; readonly status: 408; readonly timeoutMs?: undefined });

/**
 * The one error every client method throws, a union by `kind`: after `error.kind === "api"` TypeScript knows
 * `status`, after `"timeout"` the limit. It never holds the request body, the credentials or the token.
 * `instanceof` is true for errors of either build (CommonJS or ESM) of this package.
 *
 * @example
 * ```ts
 * try {
 *   await client.customers.get(id);
 * } catch (error) {
 *   if (error instanceof PaymentCustomersError && error.kind === "not_found") return undefined;
 *   throw error;
 * }
 * ```
 */
export type PaymentCustomersError =
  | AuthError
  | NotFoundError
  | ValidationError
  | RateLimitError
  | ServerError
  | ApiError
  | NetworkError
  | TimeoutError;

/** The class of {@link PaymentCustomersError}: `new` builds one, `instanceof` checks the brand every build shares. */
export interface PaymentCustomersErrorConstructor {
  new (init: PaymentCustomersErrorInit): PaymentCustomersError;
  readonly prototype: PaymentCustomersError;
  [Symbol.hasInstance](value: unknown): value is PaymentCustomersError;
}

// One brand for every copy of the package (CommonJS and ESM builds, two versions): `instanceof` checks it.
const brand = Symbol.for("@payment-customers/client/error");

class ClientError extends Error {
  constructor({ message, cause, headers, ...fields }: PaymentCustomersErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "PaymentCustomersError";
    // Only the fields that are set, so logs and JSON stay short; the headers stay out of both.
    for (const key in fields) {
      const value = fields[key as keyof typeof fields];
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
    }
    if (headers) Object.defineProperty(this, "headers", { value: headers });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && brand in value;
  }

  toJSON() {
    const { name, message, ...fields } = this;
    return { name, message, ...fields };
  }
}
Object.defineProperty(ClientError.prototype, brand, { value: true });

export const PaymentCustomersError = ClientError as unknown as PaymentCustomersErrorConstructor;

/** An argument or option the client refused before sending anything. */
export const validationError = (message: string) => new PaymentCustomersError({ kind: "validation", message });

/** A value quoted in an error: short, on one line, and only when it is a string (a number says its type). */
export function shown(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
}

/** Most a quoted server text may hold: a server may answer megabytes in one field. */
const maxQuoted = 500;

/** A text field of an answer: a non-empty string, cut to `maxQuoted` characters (and `…`). */
const text = (value: unknown) =>
  typeof value === "string" && value ? (value.length > maxQuoted ? `${value.slice(0, maxQuoted)}…` : value) : undefined;

const kindByStatus: Record<number, PaymentCustomersErrorKind> = {
  400: "validation",
  401: "auth",
  403: "auth",
  404: "not_found",
  408: "timeout",
  422: "validation",
  429: "rate_limit",
};

type ErrorBody = Partial<ProductExceptionPayload> & { error_description?: unknown; [key: string]: unknown };

/** An error about one request: the message starts with its method and path (never its query: personal data). */
export function requestError(
  method: string,
  path: string,
  what: string,
  fields: Omit<PaymentCustomersErrorInit, "message" | "method" | "path">,
): PaymentCustomersError {
  return new PaymentCustomersError({ ...fields, message: `${method} ${path} ${what}`, method, path });
}

/** Builds the error for a non-2xx answer from its status, headers and parsed body (JSON or not, maybe empty). */
export function errorFromResponse(
  method: string,
  path: string,
  response: Response,
  body: unknown,
): PaymentCustomersError {
  const { status, headers } = response;
  const payload: ErrorBody = body && typeof body === "object" ? (body as ErrorBody) : {};
  const exception = text(payload.error);
  // ProductExceptionPayload, the OAuth error shape, or a problem+json body (Prism's 422).
  const errorDetails = text(payload.error_details) ?? text(payload.error_description) ?? text(payload.title);
  const supportId = text(payload.supportId);
  const kind = kindByStatus[status] ?? (status >= 500 ? "server" : "api");
  const violations = kind === "validation" ? violationsOf(headers, payload) : undefined;
  const summary =
    [exception, errorDetails, violations?.[0]?.message].filter(Boolean).join(": ") ||
    text(response.statusText) ||
    "no details";
  return requestError(
    method,
    path,
    `failed with ${status} (${summary})${supportId ? `; supportId ${supportId}` : ""}`,
    {
      kind,
      status,
      exception,
      code: typeof payload.code === "number" ? payload.code : text(payload.code),
      errorDetails,
      errorUser: text(payload.error_user),
      supportId,
      violations,
      retryAfter: retryAfterSeconds(headers),
      headers,
    },
  );
}

// Its layout (`Date.parse` refuses a month that is not one; the weekday is not checked).
const imfFixdate = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/;

/** `Retry-After` in seconds, if it is one of the two forms RFC 9110 allows: delta-seconds or an IMF-fixdate. */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get("retry-after")?.trim() ?? "";
  if (/^\d+$/.test(value)) return Number(value);
  const date = imfFixdate.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

// Prism lists request violations in its 422 body (`validation`), or in an `sl-violations` header with a 400.
function violationsOf(headers: Headers, payload: ErrorBody): Violation[] | undefined {
  let list = payload.validation;
  try {
    if (!Array.isArray(list)) list = JSON.parse(headers.get("sl-violations") ?? "");
  } catch {
    // No header, or not JSON: no violations.
  }
  if (!Array.isArray(list)) return undefined;
  // A few are enough to see what is wrong; a server may list thousands.
  return list.slice(0, 20).map((item) => ({
    location: Array.isArray(item?.location)
      ? item.location.map((part: unknown) => text(String(part)) ?? "")
      : undefined,
    message: text(String(item?.message ?? item)) ?? "",
  }));
}
