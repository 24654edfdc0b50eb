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
  cause?: unknown;
}

/**
 * The one error every client method throws. It never holds the request body, the credentials or the token.
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
export class PaymentCustomersError extends Error {
  override readonly name = "PaymentCustomersError";
  declare readonly kind: PaymentCustomersErrorKind;
  /** The HTTP method and the path (no query: it may hold personal data) of the failed request. */
  declare readonly method?: string;
  declare readonly path?: string;
  /** The HTTP status; absent when no answer arrived. */
  declare readonly status?: number;
  /** The exception name (`error` on the wire), e.g. `ProductNotFoundException`, or the OAuth error, e.g. `invalid_client`. */
  declare readonly exception?: string;
  /** The API's error code, e.g. 2003 (token missing, invalid or expired). */
  declare readonly code?: string | number;
  /** Technical details for developers (`error_details`, or the OAuth `error_description`). */
  declare readonly errorDetails?: string;
  /** A text for end users, in German (`error_user`). */
  declare readonly errorUser?: string;
  /** The id to quote to secuconnect support. */
  declare readonly supportId?: string;
  /** What a request validator found wrong with the request (validation errors only). */
  declare readonly violations?: Violation[];
  /** Seconds the server asked to wait (`Retry-After`). */
  declare readonly retryAfter?: number;

  constructor({ message, cause, ...fields }: PaymentCustomersErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    // Only the fields that are set, so logs and JSON stay short.
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(this, { [key]: value });
  }

  /** The safe fields, `message` included (an `Error`'s own `message` is not enumerable), for JSON loggers. */
  toJSON(): Omit<PaymentCustomersErrorInit, "cause"> & { name: string } {
    const { name, message, ...fields } = this;
    return { name, message, ...fields };
  }
}

/** An argument or option the client refused before sending anything. */
export const validationError = (message: string) => new PaymentCustomersError({ kind: "validation", message });

/** A value quoted in an error: short, on one line, and only when it is a string (a number says its type). */
export function shown(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
}

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
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const exception = text(payload.error);
  // ProductExceptionPayload, the OAuth error shape, or a problem+json body (Prism's 422).
  const errorDetails = text(payload.error_details) ?? text(payload.error_description) ?? text(payload.title);
  const supportId = text(payload.supportId);
  const kind = kindByStatus[status] ?? (status >= 500 ? "server" : "api");
  const violations = kind === "validation" ? violationsOf(headers, payload) : undefined;
  const summary =
    [exception, errorDetails, violations?.[0]?.message].filter(Boolean).join(": ") ||
    response.statusText ||
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
    },
  );
}

const imfFixdate =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

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
  return list.map((item) => ({
    location: Array.isArray(item?.location) ? item.location.map(String) : undefined,
    message: String(item?.message ?? item),
  }));
}
