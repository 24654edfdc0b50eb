/** The hosts of the secuconnect API. Paths are absolute (`/api/v2/...`, `/oauth/token`), so a host is all we need. */
export const environments = {
  live: "https://connect.secucard.com",
  testing: "https://connect-testing.secuconnect.com",
} as const;

/** `"live"`, `"testing"`, or the base URL of another server, such as the mock's `http://127.0.0.1:4010`. */
export type PaymentCustomersEnvironment = keyof typeof environments | (string & {});

/** The base URL for an environment name or URL, without a trailing slash. */
export function baseUrlOf(environment: PaymentCustomersEnvironment): string {
  const url = environments[environment as keyof typeof environments] ?? environment;
  if (!/^https?:\/\/[^/]/.test(url)) {
    throw new TypeError(`environment must be "live", "testing" or an http(s) URL, got ${JSON.stringify(environment)}`);
  }
  return url.replace(/\/+$/, "");
}
