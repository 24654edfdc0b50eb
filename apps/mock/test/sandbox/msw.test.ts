// The MSW 2 recipe of the README: one catch-all handler hands every request to the in-process sandbox, so code
// that calls the global fetch (here the client, with no fetch option) talks to the sandbox.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";
import { createPaymentCustomersClient, findCustomersByEmail } from "../with-client/client.js";

// --- the recipe ---
const sandbox = createSandbox();
const server = setupServer(http.all("http://sandbox.local/*", ({ request }) => sandbox.fetch(request)));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => sandbox.reset());
afterAll(() => server.close());
// --- end of the recipe ---

const client = createPaymentCustomersClient({
  environment: "http://sandbox.local",
  clientId: "msw",
  clientSecret: "secret",
});

it("the client with the global fetch creates, finds and deletes through MSW", async () => {
  const created = await client.customers.create({
    contact: {
      forename: "Max",
      surname: "Mustermann",
      email: "max@example.com",
      address: { street: "Musterstraße", street_number: "1", postal_code: "01234", city: "Dresden", country: "DE" },
    },
  });
  expect(created.id).toMatch(/^PCU_[A-Z0-9]{30}$/);
  expect((await findCustomersByEmail(client, "max@example.com")).customers).toEqual([created]);
  await client.customers.delete(created.id);
  await expect(client.customers.get(created.id)).rejects.toMatchObject({ status: 404 });
});

it("reset() between tests: the sandbox starts empty", async () => {
  expect((await client.customers.list()).count).toBe(0);
});

it("other handlers still come first when listed before the sandbox", async () => {
  server.use(
    http.get("http://sandbox.local/api/v2/Payment/Customers", () => HttpResponse.json({ count: 7, data: [] })),
  );
  expect((await client.customers.list()).count).toBe(7);
  server.resetHandlers();
});
