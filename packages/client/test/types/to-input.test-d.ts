// Get, change, put in strict TypeScript: an answer's contact is not an input (the API does not promise its fields),
// `toInput` makes one that keeps them all.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ContactChanges,
  createPaymentCustomersClient,
  type PaymentCustomerInput,
  toInput,
} from "../../src/index.js";

const client = createPaymentCustomersClient({ environment: "testing", clientId: "id", clientSecret: "secret" });
const id = "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ";

describe("toInput", () => {
  it("turns what get() answers into what update() takes, with changes", async () => {
    const customer = await client.customers.get(id);
    const email = "max@mustermann.example";
    expectTypeOf(toInput(customer, { email })).toEqualTypeOf<PaymentCustomerInput>();
    await client.customers.update(id, toInput(customer, { email }));
    await client.customers.update(id, { contact: { ...toInput(customer).contact, email } });
    await client.customers.update(id, toInput(customer, { address: { city: "Leipzig" } }));
    // @ts-expect-error an answer's contact may lack the mandatory fields: it is not an input as it is
    await client.customers.update(id, { contact: { ...customer.contact, email } });
    // @ts-expect-error a hand-written contact must have every mandatory field (and then blanks the others: see README)
    await client.customers.update(id, { contact: { email } });
  });

  it("takes only known contact fields, with their types, as changes", () => {
    expectTypeOf<ContactChanges["email"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error a typo is not a change
    const typo: ContactChanges = { e_mail: "x" };
    // @ts-expect-error the server sets the id
    const withId: ContactChanges = { id };
    void [typo, withId];
  });
});
