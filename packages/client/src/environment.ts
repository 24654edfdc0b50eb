import { shown, validationError } from "./errors.js";

/** The hosts of the secuconnect API. Paths are absolute (`/api/v2/...`, `/oauth/token`), so a host is all we need. */
export const environments = {
  live: "https://connect.secucard.com",
  testing: "https://connect-testing.secuconnect.com",
} as const;

/** `"live"`, `"testing"`, or the base URL of another server, such as the mock's `http://127.0.0.1:4010`. */
export type PaymentCustomersEnvironment = keyof typeof environments | (string & {});

/**
 * The base URL for an environment name or URL: an http(s) origin with an optional path prefix, without a trailing
 * slash. A query, a fragment or a user name and password would change where requests (and the secret) go: refused.
 */
export function baseUrlOf(environment: PaymentCustomersEnvironment): string {
  const named = environments[environment as keyof typeof environments];
  let url: URL | undefined;
  try {
    url = new URL(named ?? environment);
  } catch {}
  const problem =
    !url || !/^https?:$/.test(url.protocol)
      ? 'must be "live", "testing" or an http(s) URL'
      : url.username || url.password
        ? "must not hold a user name or password"
        : url.search || url.hash || /[?#]/.test(String(environment))
          ? "must be a URL without a query or fragment"
          : undefined;
  if (problem || !url) {
    // Never the user-info: it may be a password.
    const got = typeof environment === "string" && !environment.includes("@") ? `, got ${shown(environment)}` : "";
    throw validationError(`environment ${problem}${got}`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, "");
}
