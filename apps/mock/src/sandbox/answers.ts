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

/** 403, code 2003: the token is missing, unknown or expired (the API's documented answer). */
export const tokenInvalid = () =>
  productException(
    403,
    "ProductNotAllowedException",
    "Valid auth token required",
    "Es ist ein Fehler aufgetreten, Ihre Anfrage konnte nicht bearbeitet werden.",
    2003,
  );

export const notFound = () =>
  productException(404, "ProductNotFoundException", "Payment customer not found", "Der Kunde wurde nicht gefunden.");

/** 400 `ProductFormatException`; `details` says what is wrong and where (e.g. the position within `q`). */
export const formatError = (details: string) =>
  productException(400, "ProductFormatException", details, "Die Anfrage hat ein ungültiges Format.");

export const internalError = () =>
  productException(
    500,
    "ProductInternalException",
    "Internal error",
    "Es ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
  );

/** The plain OAuth 2.0 error shape of the token endpoint. */
export const oauthError = (error: string, description: string) => json(400, { error, error_description: description });
