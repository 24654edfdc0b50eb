// The demo: one customer's whole life through @payment-customers/client, against the mock of the API.
// Every HTTP request is printed (method, path, status; never a body, a token or a query, which may hold personal data).
import {
  createPaymentCustomersClient,
  type PaymentCustomer,
  type PaymentCustomerInput,
  PaymentCustomersError,
} from "@payment-customers/client";
import { startMock } from "@payment-customers/mock";

const mock = await startMock({ port: 0 });
const print = (line: string) => console.log(line);
const describe = (c: PaymentCustomer) => `${c.id}: ${c.contact.forename} ${c.contact.surname} <${c.contact.email}>`;

try {
  print(`Payment Customers demo against the mock at ${mock.url}`);
  print("(The mock is stateless: it answers with the spec's examples, so ids and names come from those.)\n");

  const client = createPaymentCustomersClient({
    environment: mock.url,
    clientId: "demo-client-id",
    clientSecret: "demo-client-secret",
    userAgent: "payment-customers-demo",
    fetch: async (request) => {
      const response = await fetch(request);
      print(`   ${request.method} ${new URL(request.url).pathname} -> ${response.status}`);
      return response;
    },
  });

  print("1. Create a customer (the first call gets an OAuth token with the client credentials, then reuses it)");
  const input: PaymentCustomerInput = {
    contact: {
      salutation: "Mr.",
      forename: "Max",
      surname: "Mustermann",
      email: "max.mustermann@example.com",
      dob: "1901-02-03",
      address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
    },
  };
  const created = await client.customers.create(input);
  print(`   created ${describe(created)}\n`);

  print("2. Get it by id");
  const fetched = await client.customers.get(created.id);
  print(`   got ${describe(fetched)}, created ${fetched.created}\n`);

  print("3. List the first page");
  const page = await client.customers.list({ count: 10, sort: "created:desc" });
  print(`   ${page.data.length} on this page, ${page.count} in all\n`);

  print("4. Search by e-mail (duplicates are allowed, so the client tells how many share the address)");
  const byEmail = await client.customers.findByEmail(input.contact.email, {
    headers: { Prefer: "example=searchByEmail" },
  });
  print(`   ${byEmail.total} customer(s) with this address; duplicates: ${byEmail.hasDuplicates ? "yes" : "no"}\n`);

  print("5. Update (PUT replaces the whole contact: send every field you want to keep)");
  // Answers promise no contact field (a customer may lack an address), so what was sent fills the gaps.
  const contact = { ...input.contact, ...fetched.contact };
  const address = { ...input.contact.address, ...fetched.contact.address };
  const updated = await client.customers.update(created.id, {
    contact: { ...contact, address, email: "max@mustermann.example" },
  });
  print(`   updated ${describe(updated)}, updated at ${updated.updated}\n`);

  print("6. Delete (the API answers an array; element 0 is the customer's last state)");
  const [deleted] = await client.customers.delete(created.id);
  print(`   deleted ${deleted ? describe(deleted) : "(empty answer)"}\n`);

  print("7. A typed error: get a customer that does not exist (the mock answers 404 when asked with Prefer)");
  try {
    await client.customers.get(created.id, { headers: { Prefer: "code=404" } });
    throw new Error("expected a 404");
  } catch (error) {
    if (!(error instanceof PaymentCustomersError) || error.kind !== "not_found") throw error;
    print(`   PaymentCustomersError kind=${error.kind} status=${error.status} exception=${error.exception}`);
    print(`   for the end user: "${error.errorUser}"; quote to support: ${error.supportId}\n`);
  }

  print("Done: token, create, get, list, search by e-mail, update, delete and a typed error.");
} finally {
  await mock.close();
}
