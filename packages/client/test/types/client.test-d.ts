import type { paths } from "@payment-customers/types";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type CustomersByEmail,
  createPaymentCustomersClient,
  type DeletedPaymentCustomers,
  findCustomersByEmail,
  iterateCustomers,
  type PaymentCustomer,
  type PaymentCustomerInput,
  type PaymentCustomersClient,
  type PaymentCustomersList,
  type PaymentCustomersListParams,
  type ProjectedPaymentCustomer,
  type ProjectedPaymentCustomersList,
  type Query,
  type QueryPath,
  query,
  rawClient,
} from "../../src/index.js";

const client = createPaymentCustomersClient({ environment: "testing", clientId: "id", clientSecret: "secret" });
const id = "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ";
const address = { street: "S", street_number: "1", postal_code: "01234", city: "Dresden", country: "DE" };
const input: PaymentCustomerInput = { contact: { forename: "M", surname: "M", email: "m@example.com", address } };

describe("return types are exactly the generated ones", () => {
  it("per method", () => {
    expectTypeOf(client.customers.create).returns.toEqualTypeOf<Promise<PaymentCustomer>>();
    expectTypeOf(client.customers.get).returns.toEqualTypeOf<Promise<PaymentCustomer>>();
    expectTypeOf(client.customers.update).returns.toEqualTypeOf<Promise<PaymentCustomer>>();
    expectTypeOf(client.customers.list()).toEqualTypeOf<Promise<PaymentCustomersList>>();
    expectTypeOf(client.customers.list({ count: 1 })).toEqualTypeOf<Promise<PaymentCustomersList>>();
    expectTypeOf(client.customers.search(query.eq("id", id))).toEqualTypeOf<Promise<PaymentCustomersList>>();
    expectTypeOf(client.customers.delete).returns.toEqualTypeOf<Promise<DeletedPaymentCustomers>>();
    expectTypeOf<DeletedPaymentCustomers>().toEqualTypeOf<PaymentCustomer[]>();
    expectTypeOf(findCustomersByEmail(client, "max@example.com")).toEqualTypeOf<Promise<CustomersByEmail>>();
    // @ts-expect-error not methods any more: functions a bundle leaves out unless it imports them
    void client.customers.iterate;
    expectTypeOf(iterateCustomers(client)).toEqualTypeOf<AsyncGenerator<PaymentCustomer, void, undefined>>();
  });

  it("responses keep read-only fields; `object` is the literal", () => {
    expectTypeOf<PaymentCustomer["id"]>().toEqualTypeOf<string>();
    expectTypeOf<PaymentCustomer["object"]>().toEqualTypeOf<"payment.customers">();
    expectTypeOf<PaymentCustomer["contact"]["name"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PaymentCustomersList["data"]>().toEqualTypeOf<PaymentCustomer[]>();
  });
});

describe("openapi-fetch 0.17 understands the $Read markers", () => {
  it("rawClient(client) is the openapi-fetch client of the generated paths", () => {
    expectTypeOf(rawClient(client)).toEqualTypeOf<Client<paths>>();
    expectTypeOf(rawClient).parameter(0).toEqualTypeOf<PaymentCustomersClient>();
    // @ts-expect-error no member any more: a function of its own, so a bundle without it leaves openapi-fetch out
    void client.raw;
    // @ts-expect-error it needs the client
    void rawClient();
    // @ts-expect-error typed by the spec's paths: a path the API does not have is a compile error
    void rawClient(client).GET("/api/v2/Payment/Nothing");
    // @ts-expect-error and by its methods: the collection has no DELETE
    void rawClient(client).DELETE("/api/v2/Payment/Customers", {});
  });

  it("responses unwrap them", async () => {
    const { data } = await rawClient(client).GET("/api/v2/Payment/Customers/{paymentCustomerId}", {
      params: { path: { paymentCustomerId: id } },
    });
    expectTypeOf(data).toEqualTypeOf<PaymentCustomer | undefined>();
    const list = await rawClient(client).GET("/api/v2/Payment/Customers", { params: { query: { count: 1 } } });
    // The raw answer is the spec's: a whole list, or a projected one (`fields`), which the typed `list` tells apart.
    type ListAnswer = NonNullable<typeof list.data>;
    expectTypeOf<PaymentCustomersList>().toExtend<ListAnswer>();
    expectTypeOf<ProjectedPaymentCustomersList>().toExtend<ListAnswer>();
    expectTypeOf<NonNullable<typeof list.data>["data"][number]["id"]>().toEqualTypeOf<string | undefined>();
  });

  it("request bodies exclude server-set fields; `contact.name` is accepted (and ignored by the API)", () => {
    const raw = rawClient(client);
    void raw.POST("/api/v2/Payment/Customers", { body: input });
    // @ts-expect-error a required field is missing
    void raw.POST("/api/v2/Payment/Customers", { body: { contact: { forename: "M", surname: "M", address } } });
    void raw.POST("/api/v2/Payment/Customers", { body: { contact: { ...input.contact, name: "M M" } } });
  });
});

describe("wrong inputs are compile errors", () => {
  it("create and update", () => {
    // @ts-expect-error email is required
    void client.customers.create({ contact: { forename: "M", surname: "M", address } });
    // @ts-expect-error the server sets `id`
    void client.customers.create({ ...input, id });
    // the contact as GET returned it, `name` included, may be sent back (the get-change-put pattern)
    void client.customers.update(id, { contact: { ...input.contact, name: "M M" } });
    // @ts-expect-error postal codes are strings
    void client.customers.create({ contact: { ...input.contact, address: { ...address, postal_code: 1234 } } });
    // @ts-expect-error an unknown contact field
    void client.customers.create({ contact: { ...input.contact, nickname: "Maxi" } });
  });

  it("list parameters", () => {
    void client.customers.list({ count: 10, offset: 20, sort: "created:desc", fields: "contact.email" });
    // @ts-expect-error count is a number
    void client.customers.list({ count: "10" });
    // @ts-expect-error no such parameter
    void client.customers.list({ page: 2 });
    // @ts-expect-error iterate sets count and offset itself
    void iterateCustomers(client, { offset: 10 });
  });

  it("options: credentials or a token, and an environment", () => {
    void createPaymentCustomersClient({ environment: "live", accessToken: async () => "token" });
    void createPaymentCustomersClient({ environment: "http://127.0.0.1:4010", accessToken: "token", timeoutMs: 5000 });
    // @ts-expect-error the secret is missing
    void createPaymentCustomersClient({ environment: "live", clientId: "id" });
    // @ts-expect-error credentials and a token together
    void createPaymentCustomersClient({ environment: "live", clientId: "id", clientSecret: "s", accessToken: "t" });
    // @ts-expect-error the environment is required (no silent default to live)
    void createPaymentCustomersClient({ accessToken: "token" });
  });
});

describe("`fields` changes the answer's shape", () => {
  it("list, search and iterate with `fields` give deep-partial customers", async () => {
    const page = await client.customers.list({ fields: "contact.email,created" });
    expectTypeOf(page).toEqualTypeOf<ProjectedPaymentCustomersList>();
    expectTypeOf(page.data[0]).toEqualTypeOf<ProjectedPaymentCustomer | undefined>();
    expectTypeOf(page.count).toEqualTypeOf<number>();
    // @ts-expect-error the projection may have dropped `contact`: read it with a check
    void page.data[0]?.contact.email;
    void page.data[0]?.contact?.email;
    const found = await client.customers.search(query.eq("id", id), { fields: "id" });
    expectTypeOf(found.data).toEqualTypeOf<ProjectedPaymentCustomer[]>();
    expectTypeOf(iterateCustomers(client, { fields: "id" })).toEqualTypeOf<
      AsyncGenerator<ProjectedPaymentCustomer, void, undefined>
    >();
  });

  it("params that may hold `fields` give deep-partial customers; without `fields` nothing changes", async () => {
    const params: PaymentCustomersListParams = { count: 5 };
    expectTypeOf(client.customers.list(params)).toEqualTypeOf<Promise<ProjectedPaymentCustomersList>>();
    expectTypeOf(client.customers.list({ count: 5, fields: undefined })).toEqualTypeOf<Promise<PaymentCustomersList>>();
    const { data } = await client.customers.list({ count: 5, sort: "created:desc" });
    expectTypeOf(data[0]?.id).toEqualTypeOf<string | undefined>();
    expectTypeOf(data).toEqualTypeOf<PaymentCustomer[]>();
  });
});

describe("the query builder", () => {
  it("accepts the customer's property paths and nothing else", () => {
    expectTypeOf<"contact.email">().toExtend<QueryPath>();
    expectTypeOf<"contact.address.city">().toExtend<QueryPath>();
    expectTypeOf<"created">().toExtend<QueryPath>();
    expectTypeOf<"contract.id">().toExtend<QueryPath>();
    expectTypeOf<"contact">().not.toExtend<QueryPath>();
    expectTypeOf<"contact.address">().not.toExtend<QueryPath>();
    // @ts-expect-error not a property of Contact
    void query.eq("contact.mail", "m@example.com");
    // @ts-expect-error not a property of Address
    void query.like("contact.address.town", "Dres*");
    // @ts-expect-error unknown top-level property
    void query.range("birthday", "1900-01-01", "1950-12-31");
  });

  it("search takes a built query, not a string", () => {
    expectTypeOf(query.and(query.eq("id", id), query.not(query.eq("contact.surname", "M")))).toEqualTypeOf<Query>();
    void client.customers.search(query.eq("contact.email", "m@example.com"));
    // @ts-expect-error build the expression with `query`
    void client.customers.search("contact.email:m@example.com");
    // @ts-expect-error and() needs at least one operand
    void query.and();
  });
});
