/**
 * `@payment-customers/client`: a small, fully typed client for the secuconnect Payment Customers API,
 * on the types generated from the API's OpenAPI document; `rawClient` gives the openapi-fetch client of the same API.
 *
 * @example
 * ```ts
 * import { createPaymentCustomersClient, findCustomersByEmail } from "@payment-customers/client";
 * const client = createPaymentCustomersClient({ environment: "testing", clientId: "...", clientSecret: "..." });
 * const { customers, hasDuplicates } = await findCustomersByEmail(client, "max@example.com");
 * ```
 */
export type {
  Address,
  AddressInput,
  Contact,
  ContactInput,
  DeletedPaymentCustomers,
  PaymentCustomer,
  PaymentCustomerId,
  PaymentCustomerInput,
  PaymentCustomersList,
  PaymentCustomersListParams,
  ProductExceptionPayload,
  ProjectedPaymentCustomer,
  ProjectedPaymentCustomersList,
} from "@payment-customers/types";
export {
  createPaymentCustomersClient,
  type PaymentCustomersClient,
  type PaymentCustomersClientOptions,
  type PaymentCustomersCredentials,
} from "./client.js";
export type { PaymentCustomersResource } from "./customers.js";
export { environments, type PaymentCustomersEnvironment } from "./environment.js";
export {
  type ApiError,
  type AuthError,
  type NetworkError,
  type NotFoundError,
  PaymentCustomersError,
  type PaymentCustomersErrorBase,
  type PaymentCustomersErrorConstructor,
  type PaymentCustomersErrorInit,
  type PaymentCustomersErrorKind,
  type RateLimitError,
  type ServerError,
  type TimeoutError,
  type ValidationError,
  type Violation,
} from "./errors.js";
export { type CustomersByEmail, findCustomersByEmail } from "./find-by-email.js";
export { type IterateParams, iterateCustomers } from "./iterate.js";
export type { Logger } from "./logging.js";
export type { AccessTokenProvider } from "./oauth-token.js";
export { type Query, type QueryPath, type QueryValue, query } from "./query.js";
export { rawClient } from "./raw.js";
export { type ContactChanges, toInput } from "./to-input.js";
export type { AttemptInfo, RequestOptions, ResponseInfo } from "./transport.js";
