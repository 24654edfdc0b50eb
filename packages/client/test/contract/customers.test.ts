// Every operation against a real Prism serving the bundled spec (started once, in global-setup.ts).
import { describe, expect, inject, it } from "vitest";
import {
  createPaymentCustomersClient,
  findCustomersByEmail,
  iterateCustomers,
  PaymentCustomersError,
  query,
  rawClient,
} from "../../src/index.js";
import { recordingFetch } from "../recording-fetch.js";
import { credentials, id, input, mockClient } from "./mock-client.js";

const client = mockClient;

describe("operations", () => {
  it("create sends the input and resolves to the created customer", async () => {
    const { customers, requests } = client();
    const customer = await customers.create(input);
    expect(customer.id).toMatch(/^PCU_[A-Z0-9]{30}$/);
    expect(customer.object).toBe("payment.customers");
    const sent = requests.at(-1);
    expect(sent?.method).toBe("POST");
    expect(sent?.url.pathname).toBe("/api/v2/Payment/Customers");
    expect(JSON.parse(sent?.body ?? "")).toEqual(input);
  });

  it("get resolves to the customer with that id", async () => {
    const customer = await client().customers.get(id);
    expect(customer).toMatchObject({ id, object: "payment.customers", contact: { surname: "Mustermann" } });
  });

  it("list passes count, offset and sort and resolves to a page with the total", async () => {
    const { customers, requests } = client();
    const page = await customers.list({ count: 2, offset: 4, sort: "created:desc" });
    expect(page.count).toBe(57);
    expect(page.data).toHaveLength(2);
    expect(Object.fromEntries(requests.at(-1)?.url.searchParams ?? [])).toEqual({
      count: "2",
      offset: "4",
      sort: "created:desc",
    });
  });

  it("search sends q, its values encoded once inside q and q encoded again as a parameter", async () => {
    const { customers, requests } = client();
    const page = await customers.search(query.eq("contact.email", "max.mustermann@example.com"), { count: 1 });
    expect(page.data.length).toBeGreaterThan(0);
    expect(requests.at(-1)?.url.search).toBe("?q=contact.email%3Amax.mustermann%2540example.com&count=1");
  });

  it("update sends the whole contact with PUT and resolves to the updated customer", async () => {
    const { customers, requests } = client();
    const customer = await customers.update(id, input);
    expect(customer.updated).toBeDefined();
    expect(requests.at(-1)?.method).toBe("PUT");
    expect(requests.at(-1)?.url.pathname).toBe(`/api/v2/Payment/Customers/${id}`);
  });

  it("delete resolves to the array with the deleted customer", async () => {
    const deleted = await client().customers.delete(id);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.id).toBe(id);
  });

  it("iterate pages with count and offset and stops at the limit", async () => {
    // The mock in static mode ignores offset (it answers the same page); paging on is tested in faults/iterate.test.ts.
    const { customers, requests } = client();
    const ids: string[] = [];
    for await (const customer of iterateCustomers({ customers }, { pageSize: 2, limit: 2, sort: "created:asc" }))
      ids.push(customer.id);
    expect(ids).toHaveLength(2);
    const pages = requests.filter((request) => request.url.pathname === "/api/v2/Payment/Customers");
    expect(pages.map((request) => request.url.search)).toEqual(["?sort=created%3Aasc&count=2&offset=0"]);
  });

  it("iterate stops when the signal aborts", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const customer of iterateCustomers(client(), { pageSize: 2 }, { signal: controller.signal })) {
        seen.push(customer.id);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(iterating).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toHaveLength(2);
  });

  it("findCustomersByEmail says when more than one customer has the address", async () => {
    const { customers, requests } = client();
    const found = await findCustomersByEmail({ customers }, "max.mustermann@example.com", {
      headers: { Prefer: "example=searchByEmail" },
    });
    expect(found).toMatchObject({ total: 2, hasDuplicates: true });
    expect(found.customers).toHaveLength(1);
    expect(requests.at(-1)?.url.searchParams.get("q")).toBe("contact.email:max.mustermann%40example.com");
  });

  it("findCustomersByEmail with no match gives no customers and no duplicates", async () => {
    const found = await findCustomersByEmail(client(), "nobody@example.com", { headers: { Prefer: "example=empty" } });
    expect(found).toEqual({ customers: [], total: 0, hasDuplicates: false });
  });

  it("rawClient reaches the openapi-fetch client, with the same authentication", async () => {
    const paymentCustomers = client();
    const { data, response } = await rawClient(paymentCustomers).GET("/api/v2/Payment/Customers/{paymentCustomerId}", {
      params: { path: { paymentCustomerId: id }, query: { expand: "all" } },
    });
    expect(response.status).toBe(200);
    expect(data?.id).toBe(id);
    // The mock issues real tokens in every mode: 26 lower-case letters and digits, as the API's.
    expect(paymentCustomers.requests.at(-1)?.headers.get("authorization")).toMatch(/^Bearer [a-z0-9]{26}$/);
  });
});

describe("the token flow", () => {
  it("gets one token with client credentials, form-encoded, and sends it on every call", async () => {
    const { customers, requests } = client();
    await customers.get(id);
    await customers.list();
    await customers.delete(id);
    const tokenRequests = requests.filter((request) => request.url.pathname === "/oauth/token");
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.method).toBe("POST");
    expect(tokenRequests[0]?.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0]?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const apiRequests = requests.filter((request) => request.url.pathname.startsWith("/api/v2/"));
    const [first] = apiRequests.map((request) => request.headers.get("authorization"));
    expect(first).toMatch(/^Bearer [a-z0-9]{26}$/);
    expect(apiRequests.map((request) => request.headers.get("authorization"))).toEqual(Array(3).fill(first));
    expect(apiRequests[0]?.headers.get("user-agent")).toMatch(/^payment-customers-client/);
  });

  it("works with an access token from elsewhere, and Prism rejects a call without one", async () => {
    const withToken = createPaymentCustomersClient({ environment: inject("mockUrl"), accessToken: async () => "abc" });
    await expect(withToken.customers.get(id)).resolves.toMatchObject({ id });
    const response = await fetch(`${inject("mockUrl")}/api/v2/Payment/Customers/${id}`);
    expect(response.status).toBe(401);
  });

  it("a rejected token request is an auth error", async () => {
    const recorder = recordingFetch();
    const paymentCustomers = createPaymentCustomersClient({
      environment: inject("mockUrl"),
      clientId: "id",
      clientSecret: "wrong-secret",
      // Prism chooses the answer from Prefer: ask the token endpoint for its documented 400.
      fetch: (request) => {
        if (new URL(request.url).pathname === "/oauth/token") request.headers.set("prefer", "code=400");
        return recorder.fetch(request);
      },
    });
    const error = await paymentCustomers.customers.get(id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "auth", status: 400, exception: "invalid_client", path: "/oauth/token" });
    expect(String(error)).not.toContain("wrong-secret");
    expect(recorder.requests.filter((request) => request.url.pathname.startsWith("/api/"))).toHaveLength(0);
  });
});
