// The request and response bodies every section sends and serves, taken from the built spec's examples
// so the benchmarks move with the spec.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@payment-customers/types/openapi.json"), "utf8"));
const examples = spec.components.examples;

/** A full PaymentCustomer as the API returns it (the spec's `Person` example). */
export const paymentCustomer = examples.Person.value;
/** A valid create body (the spec's `PersonInput` example). */
export const paymentCustomerInput = examples.PersonInput.value;
/** The id of `paymentCustomer`. */
export const paymentCustomerId = paymentCustomer.id;
/** A page of customers (the spec's `ListOfCustomers` example). */
export const paymentCustomersList = examples.ListOfCustomers.value;
/** A client-credentials token response. */
export const oauthTokenResponse =
  spec.paths["/oauth/token"].post.responses["200"].content["application/json"].examples.clientCredentials.value;

export const customersPath = "/api/v2/Payment/Customers";
export const tokenPath = "/oauth/token";
