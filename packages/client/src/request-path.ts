import { PaymentCustomersError, shown } from "./errors.js";

const idPattern = /^PCU_[A-Z0-9]{30}$/;
// The API's only path parameter is the customer id; anything else must still be one plain path segment.
const segmentPattern = /^[A-Za-z0-9_-]+$/;

const refused = (message: string, value: unknown, template: string) =>
  new PaymentCustomersError({ kind: "validation", message: `${message}, got ${shown(value)}`, path: template });

/**
 * A customer id, checked whatever its type (an `undefined` id would otherwise address the collection), so no value
 * can point the request elsewhere (`..`, `?`, `%2F`). `template` is the path the error names.
 */
export function customerId(value: unknown, template: string): string {
  if (typeof value === "string" && idPattern.test(value)) return value;
  throw refused("Not a payment customer id (PCU_ and 30 of A-Z, 0-9)", value, template);
}

/** The path of a raw call, its `{parameters}` filled in, each checked first like a customer id. */
export function requestPath(template: string, parameters: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = parameters?.[name];
    if (name === "paymentCustomerId") return customerId(value, template);
    if ((typeof value === "string" || typeof value === "number") && segmentPattern.test(String(value)))
      return String(value);
    throw refused(`Not a path segment (${name}): expected letters, digits, _ or -`, value, template);
  });
}
