import { type ClientParts, clientParts } from "./client-parts.js";
import { createCustomers, mergeHeaders, type PaymentCustomersResource } from "./customers.js";
import { baseUrlOf, type PaymentCustomersEnvironment } from "./environment.js";
import { validationError } from "./errors.js";
import { type Logger, logLevelFromEnvironment, logLine } from "./logging.js";
import { type AccessTokenProvider, clientCredentialsTokens, providedTokens, usableToken } from "./oauth-token.js";
import { checkHeaderValue, checkRequestOptions, checkWholeNumber } from "./options.js";
import { createScrubber } from "./secrets.js";
import { type AttemptInfo, createTransport, type ResponseInfo } from "./transport.js";

/** How the client authenticates: client credentials (the client runs the OAuth grant), or a token you get elsewhere. */
export type PaymentCustomersCredentials =
  | { clientId: string; clientSecret: string; accessToken?: never }
  | { accessToken: string | AccessTokenProvider; clientId?: never; clientSecret?: never };

/** The settings of {@link createPaymentCustomersClient}. */
export type PaymentCustomersClientOptions = PaymentCustomersCredentials & {
  /** `"live"`, `"testing"`, or a base URL such as the mock's `http://127.0.0.1:4010`. */
  environment: PaymentCustomersEnvironment;
  /** The `fetch` to use (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
  /** The limit for one attempt (answer and body), in milliseconds (below 2^31), or `Infinity` for none. Default 30000. */
  timeoutMs?: number;
  /** How many times a failed attempt may be repeated. Default 2. Creates are retried only when surely not processed. */
  maxRetries?: number;
  /** Appended to the `User-Agent` header (`payment-customers-client`, not sent from browsers), e.g. `"my-shop/1.2"`. */
  userAgent?: string;
  /** Headers sent with every request (a call's `headers` win); `authorization` is always the client's. */
  headers?: Record<string, string>;
  /** The most bytes the client reads of one answer's body; a longer one fails as a `server` error. Default 4 MiB. */
  maxResponseBytes?: number;
  /** Called before each retry: which request, why (`status` or `failure`), and the wait. */
  onRetry?: (attempt: AttemptInfo) => void;
  /** Called with the status and headers of every call's answer (a call's own `onResponse` replaces it). */
  onResponse?: (response: ResponseInfo) => void;
  /** `"debug"`: one line per attempt to `logger`. Default: the `PAYMENT_CUSTOMERS_LOG` environment variable, else `"off"`. */
  logLevel?: "debug" | "off";
  /** Where debug lines go (default: `console`). Lines never hold a header, a body, a query or a secret. */
  logger?: Logger;
};

/**
 * A client of the Payment Customers API. `rawClient(client)` gives the openapi-fetch client of the same API, with
 * the same authentication, retries and timeouts, for anything else.
 */
export interface PaymentCustomersClient {
  /** Create, get, list, search, update and delete customers (`iterateCustomers` pages through them). */
  customers: PaymentCustomersResource;
}

/**
 * Creates a client of the secuconnect Payment Customers API.
 *
 * @example
 * ```ts
 * const client = createPaymentCustomersClient({ environment: "testing", clientId: "...", clientSecret: "..." });
 * const customer = await client.customers.get("PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ");
 * ```
 */
export function createPaymentCustomersClient(options: PaymentCustomersClientOptions): PaymentCustomersClient {
  const baseUrl = baseUrlOf(options.environment);
  const {
    accessToken,
    clientId,
    clientSecret,
    timeoutMs = 30_000,
    maxRetries = 2,
    userAgent,
    maxResponseBytes = 4 * 2 ** 20,
    onRetry,
    onResponse,
    logger = console,
    logLevel = logLevelFromEnvironment(),
  } = options;
  checkCredentials(options);
  checkRequestOptions(timeoutMs, maxRetries, options.headers);
  if (userAgent !== undefined) checkHeaderValue("userAgent", userAgent);
  checkWholeNumber("maxResponseBytes", maxResponseBytes, 1);
  for (const [name, value] of Object.entries({ fetch: options.fetch, onRetry, onResponse })) {
    if (value !== undefined && typeof value !== "function") throw validationError(`${name} must be a function`);
  }
  const browser = "document" in globalThis;
  if (browser && clientSecret !== undefined) warnAboutSecretInBrowser();
  // Lower-case names, a later one replacing an earlier one (`Accept` in the headers option replaces `accept`).
  const headers = Object.fromEntries(
    mergeHeaders(
      new Headers({
        accept: "application/json",
        // Not in browsers: there it would need the API's CORS consent (and Chrome drops it anyway).
        ...(browser ? {} : { "user-agent": `payment-customers-client${userAgent ? ` ${userAgent}` : ""}` }),
      }),
      options.headers ?? {},
    ),
  );
  const debug = logLevel === "debug" ? (attempt: AttemptInfo) => logger.debug(logLine(attempt)) : undefined;
  const transport = createTransport({
    fetch: options.fetch ?? ((request) => fetch(request)),
    timeoutMs,
    maxRetries,
    maxResponseBytes,
    onResponse,
    // Nothing per attempt unless someone listens.
    onAttempt:
      debug || onRetry
        ? (attempt) => {
            debug?.(attempt);
            if (attempt.retryInMs !== undefined) onRetry?.(attempt);
          }
        : undefined,
  });
  const scrubber = createScrubber();
  const tokens =
    accessToken === undefined
      ? clientCredentialsTokens(baseUrl, clientId as string, clientSecret as string, transport, headers)
      : providedTokens(accessToken, timeoutMs);
  if (clientSecret !== undefined) scrubber.add(clientSecret);
  const parts: ClientParts = {
    headers,
    send: transport,
    authorization: { tokens, scrubber, baseUrl },
  };
  return { customers: createCustomers(parts), [clientParts]: () => parts } as PaymentCustomersClient;
}

function checkCredentials({ accessToken, clientId, clientSecret }: PaymentCustomersCredentials): void {
  const given = (value: unknown) => typeof value === "string" && value !== "";
  if (
    accessToken === undefined
      ? !(given(clientId) && given(clientSecret))
      : clientId !== undefined || clientSecret !== undefined
  ) {
    throw validationError("Pass clientId and clientSecret, or accessToken (not both)");
  }
  if (
    typeof accessToken === "string"
      ? !usableToken(accessToken)
      : accessToken !== undefined && typeof accessToken !== "function"
  ) {
    throw validationError("accessToken must be a token (visible ASCII) or a function");
  }
}

let warnedAboutSecret = false;

// The secret would ship to every visitor of the page; a browser app should get its tokens from its own backend.
function warnAboutSecretInBrowser(): void {
  if (warnedAboutSecret) return;
  warnedAboutSecret = true;
  console.warn("@payment-customers/client: every visitor can read a clientSecret in a browser; use accessToken");
}
