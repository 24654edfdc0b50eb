// Paging and projection through our client against the in-process sandbox: projected pages, sorts with ties in
// creation order, iterateCustomers() over a sort, and a DELETE of another merchant's id as a typed 403 without a token refresh.
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";
import { createPaymentCustomersClient, iterateCustomers, type PaymentCustomerInput } from "./client.js";

const input = (forename: string) =>
  ({
    contact: {
      forename,
      surname: "Mustermann",
      email: `${forename.toLowerCase()}@example.com`,
      address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
    },
  }) satisfies PaymentCustomerInput;

const clock = Date.parse("2026-03-01T10:00:00Z"); // one second for every create
const sandbox = createSandbox({ now: () => clock });
const calls: string[] = [];
const recorded = async (request: Request) => {
  const response = await sandbox.fetch(request);
  calls.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
  return response;
};
const clientOf = (clientId: string) =>
  createPaymentCustomersClient({ environment: "http://sandbox.local", clientId, clientSecret: "s", fetch: recorded });

describe("through the client", () => {
  const client = clientOf("client-paging");
  const ids: string[] = [];
  beforeAll(async () => {
    for (const forename of ["Anna", "Bert", "Carl"]) ids.push((await client.customers.create(input(forename))).id);
  });

  it("list with fields answers only the listed fields", async () => {
    const page = await client.customers.list({ fields: "created", count: 2 });
    expect(page.count).toBe(3);
    expect(page.data).toEqual([{ created: expect.any(String) }, { created: expect.any(String) }]);
  });

  it("created:desc lists the newest first within one second; iterate follows the sort", async () => {
    const page = await client.customers.list({ sort: "created:desc" });
    expect(page.data.map((customer) => customer.id)).toEqual([...ids].reverse());
    const iterated: string[] = [];
    for await (const customer of iterateCustomers(client, { sort: "created:desc", pageSize: 2 }))
      iterated.push(customer.id);
    expect(iterated).toEqual([...ids].reverse());
  });

  it("DELETE of another merchant's id is a 403 ProductNotAllowedException, not a token refresh", async () => {
    const intruder = clientOf("client-intruder");
    await intruder.customers.list({ count: 1 }); // holds a token before the delete
    calls.length = 0;
    const error = await intruder.customers.delete(ids[0] as string).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 403, exception: "ProductNotAllowedException" });
    expect(calls).toEqual([`DELETE /api/v2/Payment/Customers/${ids[0]} 403`]);
    expect((await client.customers.get(ids[0] as string)).id).toBe(ids[0]);
  });
});
