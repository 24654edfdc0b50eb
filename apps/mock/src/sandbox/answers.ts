// The sandbox's answers in the API's shapes: JSON bodies and the documented ProductExceptionPayload errors.
import type { IHttpResponse } from "@stoplight/prism-http";
import { supportId } from "./ids.js";

export const json = (statusCode: number, body: unknown): IHttpResponse => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body,
});

const productException = (statusCode: number, error: string, details: string, user: string, code = 0) =>
  json(statusCode, {
    status: "error",
    error,
    error_details: details,
    error_user: user,
    code,
    supportId: supportId(),
  });

/**
 * 401 for a missing, malformed or unknown token, 403 for an expired one, both with code 2003: the Error_Handling
 * page documents the 403 for an expired token; the official PHP and Java SDKs re-authenticate only on a 401, and
 * the Java SDK's own test relies on an invalid token getting one.
 */
export const tokenInvalid = (status: 401 | 403) =>
  productException(
    status,
    "ProductNotAllowedException",
    "Valid auth token required",
    "Es ist ein Fehler aufgetreten, Ihre Anfrage konnte nicht bearbeitet werden.",
    2003,
  );

export const notFound = () =>
  productException(404, "ProductNotFoundException", "Payment customer not found", "Der Kunde wurde nicht gefunden.");

/**
 * 400 `ProductFormatException`: the API documents no status for it; 400 is what its name says (the request is
 * malformed) and what the official SDKs treat as "do not retry". `details` says what is wrong and where.
 */
export const formatError = (details: string) =>
  productException(400, "ProductFormatException", details, "Die Anfrage hat ein ungültiges Format.");

/** A method the path does not have; `allow` lists those it has. */
export const methodNotAllowed = (allow: string) => {
  const answer = productException(
    405,
    "ProductFormatException",
    "Method not allowed",
    "Die Anfrage hat ein ungültiges Format.",
  );
  return { ...answer, headers: { ...answer.headers, allow } };
};

/** A path the API does not have. */
export const noSuchPath = () =>
  productException(404, "ProductNotFoundException", "No such path", "Die Seite wurde nicht gefunden.");

export const internalError = () =>
  productException(
    500,
    "ProductInternalException",
    "Internal error",
    "Es ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
  );

/** The plain OAuth 2.0 error shape of the token endpoint. */
export const oauthError = (error: string, description: string) => json(400, { error, error_description: description });
