import { PaymentCustomersError, shown } from "./errors.js";

const idPattern = /^PCU_[A-Z0-9]{30}$/;
// The API's only path parameter is the customer id; anything else must still be one plain path segment.
const segmentPattern = /^[A-Za-z0-9_-]+$/;

// Each template split once into text and parameter names (alternating); the typed paths are few, so a small cache
// holds them all, and an untyped caller's endless distinct strings are split each time instead of filling it.
const splitTemplates = new Map<string, string[]>();

/**
 * The path of a request, its `{parameters}` filled in. Every parameter is checked first, whatever its type (an
 * `undefined` id would otherwise address the collection), so no value can point the request elsewhere (`..`, `?`, `%2F`).
 */
export function requestPath(template: string, parameters: Record<string, unknown> | undefined): string {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{([^}]+)\}/);
    if (splitTemplates.size < 64) splitTemplates.set(template, parts);
  }
  let path = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    path += segment(name, parameters?.[name], template) + parts[i + 1];
  }
  return path;
}

function segment(name: string, value: unknown, template: string): string {
  const valid =
    name === "paymentCustomerId"
      ? typeof value === "string" && idPattern.test(value)
      : (typeof value === "string" || typeof value === "number") && segmentPattern.test(String(value));
  if (!valid) {
    const expected =
      name === "paymentCustomerId"
        ? "Not a payment customer id (PCU_ and 30 of A-Z, 0-9)"
        : `Not a path segment (${name}): expected letters, digits, _ or -`;
    throw new PaymentCustomersError({
      kind: "validation",
      message: `${expected}, got ${shown(value)}`,
      path: template,
    });
  }
  return String(value);
}
