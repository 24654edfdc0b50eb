// Our client against the sandbox's API answers: it renews on a 401 (unknown token) as on a 403 with code 2003 (see
// contract.test.ts), reads the API's 400 ProductFormatException, gets the API's values back, and works with the
// tokens of every mode (the static and dynamic modes used to answer the spec's example or generated text).
import { describe, expect, it } from "vitest";
import { createSandbox, startMock } from "../../dist/index.js";
import { createPaymentCustomersClient, type PaymentCustomerInput } from "./client.js";

const input = {
  contact: {
    forename: "John",
    surname: "DOe",
    email: "example@example.com",
    dob: "1991-02-03",
    phone: "0049-123-456789",
    address: {
      street: "Example Street",
      street_number: "6a",
      postal_code: "01234",
      city: "Examplecity",
      country: "DE",
    },
  },
} satisfies PaymentCustomerInput;

function recording(fetch: (request: Request) => Promise<Response>) {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (request: Request) => {
      const response = await fetch(request);
      calls.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
      return response;
    },
  };
}

describe("in-process sandbox", () => {
  let clock = Date.parse("2026-01-15T12:00:00Z");
  const sandbox = createSandbox({ now: () => clock });
  const recorder = recording(sandbox.fetch);
  const client = createPaymentCustomersClient({
    environment: "http://sandbox.local",
    clientId: "api-answers",
    clientSecret: "secret",
    fetch: recorder.fetch,
  });

  it("a token the sandbox no longer knows (401) costs exactly one renewal", async () => {
    const created = await client.customers.create(input);
    clock += (2 * 1200 + 1) * 1000; // expired a lifetime ago: the sandbox has forgotten it, so it is unknown
    const before = recorder.calls.length;
    expect(await client.customers.get(created.id)).toMatchObject({ id: created.id });
    expect(recorder.calls.slice(before)).toEqual([
      `GET /api/v2/Payment/Customers/${created.id} 401`,
      "POST /oauth/token 200",
      `GET /api/v2/Payment/Customers/${created.id} 200`,
    ]);
  });

  it("gets the values as the API returns them", async () => {
    const created = await client.customers.create(input);
    expect(created.contact).toMatchObject({ dob: "1991-02-03T00:00:00+00:00", phone: "0049123456789" });
    expect(created.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
  });

  it("a bad dob is a validation error carrying the API's exception and text", async () => {
    const bad = { contact: { ...input.contact, dob: "03.02.1991" } };
    await expect(client.customers.create(bad)).rejects.toMatchObject({
      kind: "validation",
      status: 400,
      exception: "ProductFormatException",
    });
  });

  it("a create without e-mail (the client's types require it, the API does not) is carried out", async () => {
    const { email: _, ...contact } = input.contact;
    const created = await client.customers.create({ contact } as unknown as PaymentCustomerInput);
    expect(created.contact).not.toHaveProperty("email");
  });
});

describe.each(["static", "dynamic"] as const)("--%s", (mode) => {
  it("issues a token our client accepts and uses", async () => {
    const mock = await startMock({ port: 0, mode, docs: false });
    try {
      const client = createPaymentCustomersClient({ environment: mock.url, clientId: "id", clientSecret: "secret" });
      const page = await client.customers.list({ count: 2 });
      expect(Array.isArray(page.data)).toBe(true);
    } finally {
      await mock.close();
    }
  });
});
