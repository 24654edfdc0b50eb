// A function of its own, not a method of `client.customers`: a bundle that does not import it leaves it out.
import type {
  PaymentCustomer,
  PaymentCustomersList,
  PaymentCustomersListParams,
  ProjectedPaymentCustomer,
} from "@payment-customers/types";
import type { PaymentCustomersClient } from "./client.js";
import { requestError } from "./errors.js";
import { checkWholeNumber } from "./options.js";
import type { RequestOptions } from "./transport.js";

/** What {@link iterateCustomers} pages through: the list parameters, without `count` and `offset`. */
export interface IterateParams
  extends Omit<PaymentCustomersListParams, "count" | "offset" | "scroll_id" | "scroll_expire"> {
  /** Customers per request (default 100). */
  pageSize?: number;
  /** Stop after this many customers (default: all). */
  limit?: number;
}

/**
 * Every customer of a list or search, page after page (`count`/`offset`), up to `limit`. With `fields`, the items
 * are projected customers, as with `list`.
 * @example
 * ```ts
 * for await (const customer of iterateCustomers(client, { q: query.eq("contact.address.city", "Dresden") })) {
 *   console.log(customer.id);
 * }
 * ```
 */
export function iterateCustomers(
  client: Pick<PaymentCustomersClient, "customers">,
  params: IterateParams & { fields: string },
  options?: RequestOptions,
): AsyncGenerator<ProjectedPaymentCustomer, void, undefined>;
export function iterateCustomers(
  client: Pick<PaymentCustomersClient, "customers">,
  params?: IterateParams & { fields?: undefined },
  options?: RequestOptions,
): AsyncGenerator<PaymentCustomer, void, undefined>;
export function iterateCustomers(
  client: Pick<PaymentCustomersClient, "customers">,
  params?: IterateParams,
  options?: RequestOptions,
): AsyncGenerator<ProjectedPaymentCustomer, void, undefined>;
export async function* iterateCustomers(
  client: Pick<PaymentCustomersClient, "customers">,
  { pageSize = 100, limit = Infinity, ...params }: IterateParams = {},
  options: RequestOptions = {},
): AsyncGenerator<PaymentCustomer, void, undefined> {
  checkWholeNumber("pageSize", pageSize, 1);
  checkWholeNumber("limit", limit, 0, true);
  let offset = 0;
  let previous: string | undefined;
  while (offset < limit) {
    const count = Math.min(pageSize, limit - offset);
    const page = (await client.customers.list({ ...params, count, offset }, options)) as PaymentCustomersList;
    // `list` checked that the page has `data`; a server that ignores `offset` would loop forever.
    const data = JSON.stringify(page.data);
    if (page.data.length > 0 && data === previous) {
      const problem = `answered the same page for offset ${offset} as for the one before (offset ignored?)`;
      throw requestError("GET", "/api/v2/Payment/Customers", `${problem}: iterate stopped`, { kind: "server" });
    }
    previous = data;
    for (const customer of page.data.slice(0, limit - offset)) {
      options.signal?.throwIfAborted();
      yield customer;
    }
    offset += page.data.length;
    if (page.data.length === 0 || offset >= page.count) return;
  }
}
