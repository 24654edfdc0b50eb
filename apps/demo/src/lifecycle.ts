// The demo: customers' whole life through @payment-customers/client, against the mock's sandbox, which keeps
// what you create, like the API. Every HTTP request is printed (method, path, status; never a body, a token or a
// query, which may hold personal data).
import {
  createPaymentCustomersClient,
  findCustomersByEmail,
  type PaymentCustomer,
  type PaymentCustomerInput,
  PaymentCustomersError,
  query,
  toInput,
} from "@payment-customers/client";
import { startMock } from "@payment-customers/mock";

const mock = await startMock({ port: 0 });
const print = (line: string) => console.log(line);
const describe = (c: PaymentCustomer) => `${c.id}: ${c.contact.forename} ${c.contact.surname} <${c.contact.email}>`;

try {
  print(`Payment Customers demo against the mock's sandbox at ${mock.url}`);
  print("(The sandbox keeps the customers you create, per client id, and answers like the API.)\n");

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

  const address = {
    street: "Musterstraße",
    street_number: "25a",
    postal_code: "01234",
    city: "Dresden",
    country: "DE",
  };
  print("1. Create a customer (the first call gets an OAuth token with the client credentials, then reuses it)");
  const input: PaymentCustomerInput = {
    contact: {
      salutation: "Mr.",
      forename: "Max",
      surname: "Mustermann",
      email: "max.mustermann@example.com",
      dob: "1901-02-03",
      address,
    },
  };
  const max = await client.customers.create(input);
  print(`   created ${describe(max)}, name "${max.contact.name}" (derived by the server)\n`);

  print("2. Create another customer with the same e-mail address (the API allows duplicates)");
  const erika = await client.customers.create({
    contact: { forename: "Erika", surname: "Mustermann", email: "max.mustermann@example.com", address },
  });
  print(`   created ${describe(erika)}\n`);

  print("3. Search by e-mail (duplicates are allowed, so the client tells how many share the address)");
  const byEmail = await findCustomersByEmail(client, input.contact.email);
  print(`   ${byEmail.total} customer(s) with this address; duplicates: ${byEmail.hasDuplicates ? "yes" : "no"}\n`);

  print("4. Get one by id");
  const fetched = await client.customers.get(max.id);
  print(`   got ${describe(fetched)}, created ${fetched.created}\n`);

  print('5. Search with q: surname "muster*" in Dresden, but not Erika');
  const q = query.and(
    query.like("contact.surname", "muster*"),
    query.eq("contact.address.city", "Dresden"),
    query.not(query.eq("contact.forename", "Erika")),
  );
  const found = await client.customers.search(q, { count: 10 });
  print(`   q=${q}\n   ${found.count} match(es): ${found.data.map((c) => c.id).join(", ")}\n`);

  print("6. Update (PUT replaces the whole contact: toInput keeps every field the customer has, with the change)");
  const updated = await client.customers.update(max.id, toInput(fetched, { email: "max@mustermann.example" }));
  print(`   updated ${describe(updated)}, date of birth kept: ${updated.contact.dob}, updated at ${updated.updated}\n`);

  print("7. Delete the duplicate (the API answers an array; element 0 is the customer's last state)");
  const [deleted] = await client.customers.delete(erika.id);
  print(`   deleted ${deleted ? describe(deleted) : "(empty answer)"}\n`);

  print("8. Get the deleted customer: the sandbox answers 404, as the API does, and the client throws a typed error");
  try {
    await client.customers.get(erika.id);
    throw new Error("expected a 404");
  } catch (error) {
    if (!(error instanceof PaymentCustomersError) || error.kind !== "not_found") throw error;
    print(`   PaymentCustomersError kind=${error.kind} status=${error.status} exception=${error.exception}`);
    print(`   for the end user: "${error.errorUser}"; quote to support: ${error.supportId}\n`);
  }

  const remaining = await client.customers.list({ count: 10 });
  print(
    `Done: ${remaining.count} customer(s) left. Token, create, duplicate, search, get, update, delete, natural 404.`,
  );
} finally {
  await mock.close();
}
