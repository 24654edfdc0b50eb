import type { paths } from "@payment-customers/types";
import openapiFetch, { type Client } from "openapi-fetch";
import { createCustomers, type PaymentCustomersResource } from "./customers.js";
import { baseUrlOf, type PaymentCustomersEnvironment } from "./environment.js";
import { requestError, validationError } from "./errors.js";
import { type Logger, logLevelFromEnvironment, logLine } from "./logging.js";
import { markingUse } from "./middleware.js";
import {
  type AccessTokenProvider,
  authorized,
  clientCredentialsTokens,
  providedTokens,
  usableToken,
} from "./oauth-token.js";
import { checkHeaderValue, checkRequestOptions } from "./options.js";
import { requestPath } from "./request-path.js";
import { createScrubber } from "./secrets.js";
import {
  type Answer,
  type AttemptInfo,
  createTransport,
  type RequestOptions,
  type ResponseInfo,
  type Send,
} from "./transport.js";

// openapi-fetch's CommonJS build exports `{ default: createClient }`, and our CommonJS build (Node-style interop)
// receives that whole object as the default import; the ESM build receives the function itself.
const createClient = (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

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

/** A client of the Payment Customers API. */
export interface PaymentCustomersClient {
  /** Create, get, list, search, update, delete and page through customers. */
  customers: PaymentCustomersResource;
  /** The underlying openapi-fetch client, with the same authentication, retries and timeouts, for anything else. */
  raw: Client<paths>;
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
  checkRequestOptions({ timeoutMs, maxRetries, headers: options.headers });
  if (userAgent !== undefined) checkHeaderValue("userAgent", userAgent);
  if (!(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0))
    throw validationError("maxResponseBytes must be a whole number, 1 or more");
  for (const [name, value] of Object.entries({ fetch: options.fetch, onRetry, onResponse })) {
    if (value !== undefined && typeof value !== "function") throw validationError(`${name} must be a function`);
  }
  const browser = "document" in globalThis;
  if (browser && clientSecret !== undefined) warnAboutSecretInBrowser();
  const headers = {
    accept: "application/json",
    // Not in browsers: there it would need the API's CORS consent (and Chrome drops it anyway).
    ...(browser ? {} : { "user-agent": `payment-customers-client${userAgent ? ` ${userAgent}` : ""}` }),
    ...options.headers,
  };
  const debug = logLevel === "debug" ? (attempt: AttemptInfo) => logger.debug(logLine(attempt)) : undefined;
  const transport = createTransport({
    fetch: options.fetch ?? ((request) => fetch(request)),
    timeoutMs,
    maxRetries,
    maxResponseBytes,
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
  const raw = sentBy(
    createClient<paths>({ baseUrl, headers }),
    { baseUrl, onResponse },
    authorized(transport, tokens, scrubber),
  );
  return { customers: createCustomers(raw, scrubber.error), raw };
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
    throw validationError("accessToken must be a token (visible ASCII, no spaces) or a function that returns one");
  }
}

let warnedAboutSecret = false;

// The secret would ship to every visitor of the page; a browser app should get its tokens from its own backend.
function warnAboutSecretInBrowser(): void {
  if (warnedAboutSecret) return;
  warnedAboutSecret = true;
  console.warn(
    "@payment-customers/client: clientSecret is used where `document` exists (a browser?): every visitor can read it. " +
      "Get tokens from your backend and pass them as accessToken instead.",
  );
}

/** A request for another origin (or outside the environment's path): refused before the token is added. */
function elsewhere(request: Request, baseUrl: string) {
  const { origin, pathname } = new URL(request.url);
  return requestError(
    request.method,
    pathname,
    `refused: it would go to ${origin}, not to the client's environment ${baseUrl} (with its token)`,
    { kind: "validation" },
  );
}

type Call = (method: string, path: unknown, init?: RequestOptions & { params?: { path?: object } }) => Promise<Answer>;

/**
 * openapi-fetch's client with every call run by `send`: authentication, retries and timeouts. Its init may also
 * hold `timeoutMs`, `maxRetries` and `onResponse` (default: the client's). Path parameters and options are checked before anything is sent,
 * and nothing leaves for another place than `baseUrl` (a per-call `baseUrl`, or a middleware's new `Request`, would
 * take the token along).
 */
function sentBy(
  base: Client<paths>,
  { baseUrl, ...defaults }: { baseUrl: string; onResponse?: RequestOptions["onResponse"] },
  send: Send,
): Client<paths> {
  const request: Call = async (method, path, { timeoutMs, maxRetries, onResponse, ...init } = {}) => {
    requestPath(String(path), init.params?.path as Record<string, unknown> | undefined);
    checkRequestOptions({ timeoutMs, maxRetries, headers: init.headers });
    // No redirects, for the token request and every API call (see transport.ts).
    return send(
      (signal, fetch) =>
        (base.request as Call)(method, path, {
          ...init,
          signal,
          fetch: (request: Request) => {
            if (!request.url.startsWith(`${baseUrl}/`)) throw elsewhere(request, baseUrl);
            return fetch(request);
          },
          redirect: "manual",
        } as RequestOptions),
      // The client's onResponse is for calls, not for the token request.
      { signal: init.signal, timeoutMs, maxRetries, onResponse: onResponse ?? defaults.onResponse },
    );
  };
  const raw: Record<string, unknown> = { ...base, ...markingUse(base as Client<never>), request };
  // GET, PUT, POST, ...: the upper-case keys.
  for (const method in base)
    if (/^[A-Z]+$/.test(method)) raw[method] = (path: unknown, init?: RequestOptions) => request(method, path, init);
  return raw as unknown as Client<paths>;
}
