import type { paths } from "@payment-customers/types";
import openapiFetch, { type Client, createQuerySerializer } from "openapi-fetch";
import { createCustomers, type PaymentCustomersResource } from "./customers.js";
import { baseUrlOf, type PaymentCustomersEnvironment } from "./environment.js";
import { validationError } from "./errors.js";
import { type Logger, logLevelFromEnvironment, logLine } from "./logging.js";
import { markingUse } from "./middleware.js";
import { type AccessTokenProvider, clientCredentialsTokens, providedTokens, usableToken } from "./oauth-token.js";
import { checkHeaderValue, checkRequestOptions } from "./options.js";
import { requestPath } from "./request-path.js";
import { createScrubber } from "./secrets.js";
import {
  type Answer,
  type AttemptInfo,
  type Authorization,
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
  /** Create, get, list, search, update and delete customers (`iterateCustomers` pages through them). */
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
  checkRequestOptions(timeoutMs, maxRetries, options.headers);
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
  const { raw, call } = sentBy(
    // A serializer built once: without one, openapi-fetch builds the default for every call.
    createClient<paths>({ baseUrl, headers, querySerializer: createQuerySerializer() }),
    onResponse,
    transport,
    { tokens, scrubber, baseUrl },
  );
  return { customers: createCustomers(call, scrubber.error), raw };
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

/** openapi-fetch's init of one call (`params`, `body`, `headers`, `parseAs`, ...), without the client's own options. */
type FetchInit = { params?: { path?: object }; [key: string]: unknown };

/**
 * One call: `init` goes to openapi-fetch, `options` are the client's (signal, limits, headers, onResponse). Exported
 * to `customers`, which passes both as fixed-shape objects (no spreading of the caller's objects per call).
 */
export type Call = (method: string, path: string, init: FetchInit, options?: RequestOptions) => Promise<Answer>;

/**
 * openapi-fetch's client with every call run by `send`: authentication, retries, timeouts, and the origin guard.
 * Its init may also hold `timeoutMs`, `maxRetries` and `onResponse` (default: the client's). Path parameters and
 * options are checked before anything is sent.
 */
function sentBy(
  base: Client<paths>,
  defaultOnResponse: RequestOptions["onResponse"],
  send: Send,
  authorization: Authorization,
): { raw: Client<paths>; call: Call } {
  const call: Call = (method, path, init, options = {}) => {
    requestPath(path, init.params?.path as Record<string, unknown> | undefined);
    checkRequestOptions(options.timeoutMs, options.maxRetries, init.headers);
    // Ours for the call: each attempt sets its signal and fetch on it (openapi-fetch copies it). No redirects, for
    // the token request and every API call (see transport.ts).
    init.redirect = "manual";
    const onResponse = options.onResponse ?? defaultOnResponse;
    // The client's onResponse is for calls, not for the token request.
    const callOptions = onResponse === options.onResponse ? options : { ...options, onResponse };
    return send(
      (signal, fetch) => {
        init.signal = signal;
        // The transport's fetch: it refuses another origin, adds the token and caps the answer.
        init.fetch = fetch;
        return (base.request as (method: string, path: string, init: object) => Promise<Answer>)(method, path, init);
      },
      callOptions,
      undefined,
      authorization,
    );
  };
  // A raw call's init holds both: the client's options are taken out of what openapi-fetch sees.
  const rawCall = (method: string, path: unknown, options: RequestOptions & FetchInit = {}) => {
    const { timeoutMs, maxRetries, onResponse, signal, ...init } = options;
    return call(method, String(path), init, options);
  };
  const raw: Record<string, unknown> = { ...base, ...markingUse(base as Client<never>), request: rawCall };
  // GET, PUT, POST, ...: the upper-case keys.
  for (const method in base)
    if (/^[A-Z]+$/.test(method))
      raw[method] = (path: unknown, init?: RequestOptions & FetchInit) => rawCall(method, path, init);
  return { raw: raw as unknown as Client<paths>, call };
}
