import type {
  DeletedPaymentCustomers,
  PaymentCustomer,
  PaymentCustomerId,
  PaymentCustomerInput,
  PaymentCustomersList,
  PaymentCustomersListParams,
  ProjectedPaymentCustomer,
  ProjectedPaymentCustomersList,
} from "@payment-customers/types";
import type { ClientParts } from "./client-parts.js";
import { errorFromResponse, requestError } from "./errors.js";
import { listQuery } from "./list-query.js";
import { checkRequestOptions } from "./options.js";
import type { Query } from "./query.js";
import { customerId } from "./request-path.js";
import type { Answer, RequestOptions } from "./transport.js";

/** The payment customers of the merchant: `client.customers`. */
export interface PaymentCustomersResource {
  /**
   * Creates a customer. Never retried once the request may have reached the server (the API allows duplicates).
   * @example
   * ```ts
   * const customer = await client.customers.create({ contact: { forename: "Max", surname: "Mustermann",
   *   email: "max@example.com", address: { street: "Musterstraße", street_number: "25a", postal_code: "01234",
   *   city: "Dresden", country: "DE" } } });
   * ```
   */
  create(input: PaymentCustomerInput, options?: RequestOptions): Promise<PaymentCustomer>;
  /**
   * Gets a customer by id (`PCU_...`). A malformed id throws a `validation` error without a request.
   * @example
   * ```ts
   * const customer = await client.customers.get("PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ");
   * ```
   */
  get(id: PaymentCustomerId, options?: RequestOptions): Promise<PaymentCustomer>;
  /**
   * Gets one page of customers; the answer's `count` is the total number of matches, not the page length.
   * With `fields` the API keeps only the listed fields, so the items are {@link ProjectedPaymentCustomer}s.
   * @example
   * ```ts
   * const { count, data } = await client.customers.list({ count: 20, offset: 0, sort: "created:desc" });
   * const emails = await client.customers.list({ fields: "contact.email" }); // data[i].contact?.email
   * ```
   */
  list(
    params: PaymentCustomersListParams & { fields: string },
    options?: RequestOptions,
  ): Promise<ProjectedPaymentCustomersList>;
  list(
    params?: PaymentCustomersListParams & { fields?: undefined },
    options?: RequestOptions,
  ): Promise<PaymentCustomersList>;
  list(params?: PaymentCustomersListParams, options?: RequestOptions): Promise<ProjectedPaymentCustomersList>;
  /**
   * Gets one page of the customers matching a `q` expression built with `query`; with `fields`, projected
   * items as in {@link PaymentCustomersResource.list}.
   * @example
   * ```ts
   * const page = await client.customers.search(query.like("contact.surname", "Muster*"), { count: 10 });
   * ```
   */
  search(
    q: Query,
    params: Omit<PaymentCustomersListParams, "q"> & { fields: string },
    options?: RequestOptions,
  ): Promise<ProjectedPaymentCustomersList>;
  search(
    q: Query,
    params?: Omit<PaymentCustomersListParams, "q"> & { fields?: undefined },
    options?: RequestOptions,
  ): Promise<PaymentCustomersList>;
  search(
    q: Query,
    params?: Omit<PaymentCustomersListParams, "q">,
    options?: RequestOptions,
  ): Promise<ProjectedPaymentCustomersList>;
  /**
   * Replaces the customer's contact: fields left out become empty (this is not a merge).
   * @example
   * ```ts
   * const { contact } = await client.customers.get(id);
   * const { name, ...rest } = contact; // `name` is read-only
   * await client.customers.update(id, { contact: { ...rest, email: "new@example.com" } });
   * ```
   */
  update(id: PaymentCustomerId, input: PaymentCustomerInput, options?: RequestOptions): Promise<PaymentCustomer>;
  /**
   * Deletes a customer; the answer is an array whose element 0 is the customer's last state.
   * @example
   * ```ts
   * const [deleted] = await client.customers.delete(id);
   * ```
   */
  delete(id: PaymentCustomerId, options?: RequestOptions): Promise<DeletedPaymentCustomers>;
}

const collection = "/api/v2/Payment/Customers";
const item = "/api/v2/Payment/Customers/{paymentCustomerId}";

type Method = "GET" | "POST" | "PUT" | "DELETE";
// The implementation's view: one signature each. Its answers are assignable to every overload of
// PaymentCustomersResource (a projected customer is a deep-partial one), which only the public type tells apart.
type CustomersImplementation = Omit<PaymentCustomersResource, "list" | "search"> & {
  list(params?: PaymentCustomersListParams, options?: RequestOptions): Promise<PaymentCustomersList>;
  search(
    q: Query,
    params?: Omit<PaymentCustomersListParams, "q">,
    options?: RequestOptions,
  ): Promise<PaymentCustomersList>;
};

/**
 * The typed calls, each one `Request` per attempt built here (path, query, JSON body, headers) and sent by the
 * client's transport (token, retries, timeouts, origin guard, answer cap). openapi-fetch's request path is only
 * `rawClient`'s: a bundle without it leaves openapi-fetch out.
 */
export function createCustomers({ headers, send: transport, authorization }: ClientParts) {
  const scrub = authorization.scrubber.error;
  // As openapi-fetch sends a JSON body: its content type first, so the client's headers may replace it.
  const jsonHeaders = { "content-type": "application/json", ...headers };

  /**
   * Sends one call; to the customer's own path when there is an id (checked, whatever its type, before anything is
   * sent, as are the options). Throws for errors and empty answers.
   */
  async function send(
    method: Method,
    template: string,
    id: unknown,
    query: PaymentCustomersListParams | undefined,
    input: PaymentCustomerInput | undefined,
    expected: Expected,
    options: RequestOptions = {},
  ) {
    // Checked whatever its type: an `undefined` id must not address the collection.
    const path = template === item ? `${collection}/${customerId(id, item)}` : collection;
    checkRequestOptions(options.timeoutMs, options.maxRetries, options.headers);
    const url = authorization.baseUrl + path + listQuery(query);
    const body = input === undefined ? undefined : JSON.stringify(input);
    const base = body === undefined ? headers : jsonHeaders;
    const requestHeaders = options.headers ? mergeHeaders(new Headers(base), options.headers) : base;
    const { data, error, response } = await transport<Answer & { data?: unknown }>(
      async (signal, fetch) => {
        // No redirects, for the token request and every API call (see transport.ts).
        const response = await fetch(
          new Request(url, { method, headers: requestHeaders, body, signal, redirect: "manual" }),
        );
        const text = await response.text();
        // A success's body must be JSON (else a `server` error, see transport.ts); an error's may be anything.
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch (error) {
          if (response.ok) throw error;
        }
        return response.ok ? { response, data: parsed } : { response, error: parsed };
      },
      options,
      undefined,
      authorization,
    );
    if (response.ok && isShaped(data, expected)) return data as never;
    if (!response.ok) throw scrub(errorFromResponse(method, path, response, error));
    const { status } = response;
    const got = data === undefined ? "no body" : `${describe(data)}, not ${expected}`;
    throw requestError(method, path, `answered ${status} with ${got}`, {
      kind: "server",
      status,
      headers: response.headers,
    });
  }

  const customers: CustomersImplementation = {
    create: (input, options) => send("POST", collection, undefined, undefined, input, "a customer", options),
    get: (id, options) => send("GET", item, id, undefined, undefined, "a customer", options),
    list: (params, options) => send("GET", collection, undefined, params, undefined, "a page of customers", options),
    search: (q, params, options) => customers.list({ q, ...params }, options),
    update: (id, input, options) => send("PUT", item, id, undefined, input, "a customer", options),
    delete: (id, options) => send("DELETE", item, id, undefined, undefined, "a list of deleted customers", options),
  };
  return customers as PaymentCustomersResource;
}

/**
 * `headers` set into `into` as openapi-fetch merges them: a later value replaces an earlier one, `null` removes
 * one, `undefined` is skipped.
 */
export function mergeHeaders(into: Headers, headers: object): Headers {
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers)) {
    if (value === null) into.delete(name);
    else if (value !== undefined) into.set(name, value);
  }
  return into;
}

/** What a call's success answer is. */
type Expected = "a customer" | "a page of customers" | "a list of deleted customers";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// The answer's outline (what every caller relies on), not a full schema check: that would cost every call.
function isShaped(data: unknown, expected: Expected): boolean {
  if (expected === "a customer") return isObject(data) && typeof data.id === "string";
  if (expected === "a page of customers")
    return isObject(data) && Array.isArray(data.data) && typeof data.count === "number";
  return Array.isArray(data) && data.every(isObject);
}

/** What a JSON value is, for an error message (never the value: it may be personal data). */
const describe = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : isObject(value)
        ? "an object of another shape"
        : `a ${typeof value}`;
