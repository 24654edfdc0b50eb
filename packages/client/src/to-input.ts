// Get, change, put: `update` replaces the whole contact, and the live API blanks every field a PUT leaves out. An
// answer's contact cannot be sent back as it is typed (the API does not promise its fields), and a hand-written
// contact easily forgets some: `toInput` turns the customer as the API answered it into an update that keeps them all.
import type { AddressInput, ContactInput, PaymentCustomer, PaymentCustomerInput } from "@payment-customers/types";
import { validationError } from "./errors.js";

/** Changes to apply on top of a customer's contact; the address is merged field by field. */
export type ContactChanges = Partial<Omit<ContactInput, "address">> & { address?: Partial<AddressInput> };

const mandatory = ["forename", "surname", "email"] as const;
const mandatoryAddress = ["street", "street_number", "postal_code", "city", "country"] as const;

/** The fields that hold a value: `""` is what the API answers for a field a PUT left out, so it is not sent back. */
function filled(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== "" && value != null));
}

/** The changes given: `""` clears a field on purpose, `undefined` changes nothing. */
function given(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

const isSet = (value: unknown) => typeof value === "string" && value !== "";

/**
 * The body of an update that keeps every field the customer has, with `changes` applied: what the documented
 * get-change-put needs. `contact.name` is left out (the server derives it).
 *
 * The types ask for the fields the API reference calls mandatory, while a customer may lack some (the API and the
 * sandbox accept a create without e-mail or house number): when one is still missing after `changes`, this throws
 * a `validation` error that names the fields (never their values) and nothing is sent.
 *
 * @example
 * ```ts
 * const customer = await client.customers.get(id);
 * await client.customers.update(id, toInput(customer, { email: "max@mustermann.example" }));
 * ```
 */
export function toInput(customer: PaymentCustomer, changes: ContactChanges = {}): PaymentCustomerInput {
  const { name: _derived, address, ...fields } = customer.contact ?? {};
  const { address: addressChanges, ...fieldChanges } = changes;
  const contact = { ...filled(fields), ...given(fieldChanges) };
  const postal = { ...filled(address ?? {}), ...given(addressChanges ?? {}) };
  const missing = [
    ...mandatory.filter((field) => !isSet(contact[field])),
    ...mandatoryAddress.filter((field) => !isSet(postal[field])).map((field) => `address.${field}`),
  ];
  if (missing.length > 0) {
    throw validationError(
      `toInput: the customer has no ${missing.join(", ")}; pass them in the changes (an update sends the whole contact)`,
    );
  }
  return { contact: { ...contact, address: postal } as unknown as ContactInput };
}
