import type { paths } from "@payment-customers/types";
import openapiFetch, { type Client } from "openapi-fetch";
import { createCustomers, type PaymentCustomersResource } from "./customers.js";
import { baseUrlOf, type PaymentCustomersEnvironment } from "./environment.js";
import { type AccessTokenProvider, authorized, clientCredentialsTokens, providedTokens } from "./oauth-token.js";
import { type Answer, createTransport, type RequestOptions, type Send } from "./transport.js";

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
  /** The limit for one attempt (answer and body), in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** How many times a failed attempt may be repeated. Default 2. Creates are retried only when surely not processed. */
  maxRetries?: number;
  /** Appended to the `User-Agent` header (`payment-customers-client`, not sent from browsers), e.g. `"my-shop/1.2"`. */
  userAgent?: string;
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
  const { accessToken, clientId, clientSecret } = options;
  if (accessToken === undefined && !(clientId && clientSecret)) {
    throw new TypeError("Pass clientId and clientSecret, or accessToken");
  }
  const headers = {
    accept: "application/json",
    // Not in browsers: there it would need the API's CORS consent (and Chrome drops it anyway).
    ...("document" in globalThis
      ? {}
      : { "user-agent": `payment-customers-client${options.userAgent ? ` ${options.userAgent}` : ""}` }),
  };
  const transport = createTransport({
    fetch: options.fetch ?? ((request) => fetch(request)),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  });
  const tokens =
    accessToken === undefined
      ? clientCredentialsTokens(baseUrl, clientId as string, clientSecret as string, transport, headers)
      : providedTokens(accessToken);
  const raw = sentBy(createClient<paths>({ baseUrl, headers }), authorized(transport, tokens));
  return { customers: createCustomers(raw), raw };
}

type Call = (method: string, path: unknown, init?: RequestOptions) => Promise<Answer>;

/**
 * openapi-fetch's client with every call run by `send`: authentication, retries and timeouts. Its init may also
 * hold `timeoutMs` and `maxRetries` (used by `customers`).
 */
function sentBy(base: Client<paths>, send: Send): Client<paths> {
  const request: Call = (method, path, { timeoutMs, maxRetries, ...init } = {}) =>
    send((signal, fetch) => (base.request as Call)(method, path, { ...init, signal, fetch } as RequestOptions), {
      signal: init.signal,
      timeoutMs,
      maxRetries,
    });
  const raw: Record<string, unknown> = { ...base, request };
  // GET, PUT, POST, ...: the upper-case keys.
  for (const method in base)
    if (/^[A-Z]+$/.test(method)) raw[method] = (path: unknown, init?: RequestOptions) => request(method, path, init);
  return raw as unknown as Client<paths>;
}
