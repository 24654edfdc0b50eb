// A function of its own, not a method of `client.customers`: a bundle that does not import it leaves it out.
import type { PaymentCustomer } from "@payment-customers/types";
import type { PaymentCustomersClient } from "./client.js";
import { shown, validationError } from "./errors.js";
// Only the value encoding: the `query` builder stays out of a bundle that does not import it.
import { encodeValue } from "./query.js";
import type { RequestOptions } from "./transport.js";

/** The answer of {@link findCustomersByEmail}. */
export interface CustomersByEmail {
  /** The customers with this e-mail address (at most the first 10; `total` says how many there are). */
  customers: PaymentCustomer[];
  /** How many customers have this address. */
  total: number;
  /** `true` when more than one customer has this address: the API allows duplicates. */
  hasDuplicates: boolean;
}

/**
 * The documented "search by e-mail": the customers with this address, and whether there is more than one.
 * @example
 * ```ts
 * const { customers, hasDuplicates } = await findCustomersByEmail(client, "max@example.com");
 * ```
 */
export async function findCustomersByEmail(
  client: Pick<PaymentCustomersClient, "customers">,
  email: string,
  options?: RequestOptions,
): Promise<CustomersByEmail> {
  if (typeof email !== "string" || !email)
    throw validationError(`findCustomersByEmail needs an e-mail address, got ${shown(email)}`);
  const { count, data } = await client.customers.list({ q: `contact.email:${encodeValue(email)}`, count: 10 }, options);
  return { customers: data, total: count, hasDuplicates: count > 1 };
}
