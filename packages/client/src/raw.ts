// A function of its own, not a member of the client: a bundle that does not import it leaves openapi-fetch out.
import type { paths } from "@payment-customers/types";
import openapiFetch, { type Client, createQuerySerializer } from "openapi-fetch";
import type { PaymentCustomersClient } from "./client.js";
import { type ClientParts, clientParts } from "./client-parts.js";
import { validationError } from "./errors.js";
import { markingUse } from "./middleware.js";
import { checkRequestOptions } from "./options.js";
import { requestPath } from "./request-path.js";
import type { Answer, RequestOptions } from "./transport.js";

// One raw client per client, so middleware added with `use()` stays for every later `rawClient(client)`.
const rawClients = new WeakMap<object, Client<paths>>();

/**
 * The openapi-fetch client of the API, typed by the generated `paths`, sent like the client's own calls: the same
 * authentication, retries, timeouts, origin guard and answer cap. Its calls answer `{ data, error, response }`
 * instead of throwing for HTTP errors; `use()` adds openapi-fetch middleware to its calls (not to
 * `client.customers`).
 * @example
 * ```ts
 * const { data, error } = await rawClient(client).GET("/api/v2/Payment/Customers/{paymentCustomerId}", {
 *   params: { path: { paymentCustomerId: id }, query: { expand: "all" } },
 * });
 * ```
 */
export function rawClient(client: PaymentCustomersClient): Client<paths> {
  const link = (client as { [clientParts]?: unknown } | undefined)?.[clientParts];
  if (typeof link !== "function") throw validationError("rawClient needs a client from createPaymentCustomersClient");
  let raw = rawClients.get(link);
  if (!raw) {
    raw = sentBy(link() as ClientParts);
    rawClients.set(link, raw);
  }
  return raw;
}

/** openapi-fetch's init of one call (`params`, `body`, `headers`, `parseAs`, ...), without the client's own options. */
type FetchInit = { params?: { path?: object }; [key: string]: unknown };

/**
 * openapi-fetch's client with every call run by the client's transport. Its init may also hold `timeoutMs`,
 * `maxRetries` and `onResponse` (default: the client's). Path parameters and options are checked before anything
 * is sent.
 */
function sentBy({ headers, send, authorization }: ClientParts): Client<paths> {
  const { baseUrl } = authorization;
  // openapi-fetch's CommonJS build exports `{ default: createClient }`, and our CommonJS build (Node-style interop)
  // receives that whole object as the default import; the ESM build receives the function itself. Read here, not
  // at the top of the module: a bundler keeps a module-level read, and openapi-fetch with it, in every bundle.
  const createClient = (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;
  // A serializer built once: without one, openapi-fetch builds the default for every call.
  const base = createClient<paths>({ baseUrl, headers, querySerializer: createQuerySerializer() });
  // A raw call's init holds both: the client's options are taken out of what openapi-fetch sees.
  const call = (method: string, path: unknown, options: RequestOptions & FetchInit = {}) => {
    const { timeoutMs, maxRetries, onResponse, signal, ...init } = options;
    requestPath(String(path), init.params?.path as Record<string, unknown> | undefined);
    checkRequestOptions(timeoutMs, maxRetries, init.headers);
    // No redirects, for the token request and every API call (see transport.ts).
    init.redirect = "manual";
    return send(
      (signal, fetch) => {
        // Ours for the call: each attempt sets its signal and fetch on it (openapi-fetch copies it).
        init.signal = signal;
        // The transport's fetch: it refuses another origin, adds the token and caps the answer.
        init.fetch = fetch;
        return (base.request as (method: string, path: string, init: object) => Promise<Answer>)(
          method,
          String(path),
          init,
        );
      },
      { timeoutMs, maxRetries, onResponse, signal },
      undefined,
      authorization,
    );
  };
  const raw: Record<string, unknown> = { ...base, ...markingUse(base as Client<never>), request: call };
  // GET, PUT, POST, ...: the upper-case keys.
  for (const method in base)
    if (/^[A-Z]+$/.test(method))
      raw[method] = (path: unknown, init?: RequestOptions & FetchInit) => call(method, path, init);
  return raw as unknown as Client<paths>;
}
