import type { PaymentCustomersListParams } from "@payment-customers/types";

/**
 * The query string of a list call (`?count=2&sort=created%3Adesc`, or `""` for none). Every list parameter of the
 * spec is a string or an integer, so each is `name=` and its value URL-encoded, in the order given, left out when
 * `undefined` or `null`: what openapi-fetch's default serializer writes for them, byte for byte.
 */
export function listQuery(params: PaymentCustomersListParams | undefined): string {
  let search = "";
  for (const name in params) {
    const value = params[name as keyof PaymentCustomersListParams];
    if (value != null) search += `${search ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
  }
  return search;
}
