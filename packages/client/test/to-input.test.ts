// Get, change, put against the sandbox (in-process, the same engine as the mock): toInput keeps every field, while
// a contact written by hand blanks what it leaves out, as the live API does.
import { createSandbox } from "@payment-customers/mock";
import { beforeEach, expect, it } from "vitest";
import { createPaymentCustomersClient, PaymentCustomersError, toInput } from "../src/index.js";

const sandbox = createSandbox();
const client = createPaymentCustomersClient({
  environment: "http://sandbox.local",
  clientId: "to-input-test",
  clientSecret: "to-input-secret",
  fetch: sandbox.fetch,
});
const address = { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" };
const contact = {
  salutation: "Mr.",
  forename: "Max",
  surname: "Mustermann",
  email: "max.mustermann@example.com",
  phone: "+49 177 5555555",
  dob: "1901-02-03",
  address: { ...address, additional_address_data: "Hinterhaus" },
};

beforeEach(() => sandbox.reset());

it("get, change, put keeps every field the customer had", async () => {
  const { id } = await client.customers.create({ contact });
  const customer = await client.customers.get(id);
  const updated = await client.customers.update(id, toInput(customer, { email: "max@mustermann.example" }));
  // As the sandbox stored them (it normalises some values, e.g. the phone number), with the one change.
  expect(updated.contact).toMatchObject({ ...customer.contact, email: "max@mustermann.example" });
  expect(await client.customers.get(id)).toEqual(updated);
  const moved = await client.customers.update(id, toInput(updated, { address: { city: "Leipzig" } }));
  expect(moved.contact.address).toMatchObject({ ...customer.contact.address, city: "Leipzig" });
});

it("the trap it avoids: a contact written by hand blanks every field it leaves out", async () => {
  const { id } = await client.customers.create({ contact });
  const { forename, surname, email } = contact;
  const blanked = await client.customers.update(id, { contact: { forename, surname, email, address } });
  // The API answers "" for them; the sandbox leaves them out.
  expect([blanked.contact.phone ?? "", blanked.contact.dob ?? ""]).toEqual(["", ""]);
});

it("a customer without a mandatory field: a validation error naming it (not its values), and nothing sent", async () => {
  // The API accepts a create without e-mail (the official examples send none), so an answer may lack it; the
  // client's types ask for it.
  const { id } = await client.customers.create({ contact });
  const { email: _none, ...withoutEmail } = (await client.customers.get(id)).contact;
  const customer = { object: "payment.customers" as const, id, contact: withoutEmail };
  const failure = (() => {
    try {
      toInput(customer);
    } catch (error) {
      return error;
    }
  })();
  expect(failure).toBeInstanceOf(PaymentCustomersError);
  expect(failure).toMatchObject({ kind: "validation", message: expect.stringContaining("no email") });
  expect((failure as Error).message).not.toContain("Mustermann");
  const fixed = await client.customers.update(id, toInput(customer, { email: "max@example.com" }));
  expect(fixed.contact).toMatchObject({ email: "max@example.com", phone: customer.contact.phone });
});
