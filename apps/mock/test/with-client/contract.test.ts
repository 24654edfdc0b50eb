// The client's contract against the sandbox: a natural 404 after delete, isolation between merchants, and an
// expired token costing exactly one refresh (in-process with a clock, and the bin with --token-ttl 5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";
import { type RunningBin, runBin } from "../run-bin.js";
import {
  createPaymentCustomersClient,
  findCustomersByEmail,
  type PaymentCustomerInput,
  PaymentCustomersError,
} from "./client.js";

const input = {
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    dob: "1901-02-03",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
} satisfies PaymentCustomerInput;

/** A fetch that records method, path and status of every request, then answers with `fetch`. */
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
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const sandbox = createSandbox({ now: () => clock });
  const clientOf = (clientId: string, fetch: (request: Request) => Promise<Response> = sandbox.fetch) =>
    createPaymentCustomersClient({ environment: "http://sandbox.local", clientId, clientSecret: "secret", fetch });

  it("get after delete is the API's own 404, with no Prefer header", async () => {
    const client = clientOf("contract");
    const created = await client.customers.create(input);
    expect(created.contact).toMatchObject({
      ...input.contact,
      name: "Max Mustermann",
      dob: "1901-02-03T00:00:00+00:00",
    });
    expect(await client.customers.get(created.id)).toEqual(created);
    const [deleted] = await client.customers.delete(created.id);
    expect(deleted).toEqual(created);
    const error = await client.customers.get(created.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "not_found", status: 404, exception: "ProductNotFoundException" });
    // A delete of an id that is no longer the merchant's: the API's "incorrect customer id".
    await expect(client.customers.delete(created.id)).rejects.toMatchObject({
      status: 403,
      exception: "ProductNotAllowedException",
    });
  });

  it("merchants never see each other's customers", async () => {
    const [a, b] = [clientOf("merchant-a"), clientOf("merchant-b")];
    const created = await a.customers.create(input);
    await expect(b.customers.get(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(b.customers.update(created.id, input)).rejects.toMatchObject({ status: 404 });
    expect((await findCustomersByEmail(b, input.contact.email)).total).toBe(0);
    expect((await findCustomersByEmail(a, input.contact.email)).customers.map((c) => c.id)).toEqual([created.id]);
  });

  it("a token the sandbox expired (403, code 2003) costs exactly one refresh", async () => {
    const recorder = recording(sandbox.fetch);
    const client = clientOf("expiry", recorder.fetch);
    const created = await client.customers.create(input);
    clock += 1201_000; // past expires_in for the sandbox, while the client still holds the token
    expect(await client.customers.get(created.id)).toMatchObject({ id: created.id });
    expect(recorder.calls).toEqual([
      "POST /oauth/token 200",
      "POST /api/v2/Payment/Customers 200",
      `GET /api/v2/Payment/Customers/${created.id} 403`,
      "POST /oauth/token 200",
      `GET /api/v2/Payment/Customers/${created.id} 200`,
    ]);
  });
});

// 5 s, not 1: the client's renewed token must outlive the one retry it is sent with, also on a loaded machine.
describe("the bin with --token-ttl 5", () => {
  let bin: RunningBin;
  beforeAll(async () => {
    bin = await runBin(["--port", "0", "--token-ttl", "5"]);
  });
  afterAll(() => bin?.stop());

  it("an expired token costs exactly one token request", async () => {
    const recorder = recording((request) => fetch(request));
    const client = createPaymentCustomersClient({
      environment: bin.url,
      clientId: "ttl",
      clientSecret: "secret",
      fetch: recorder.fetch,
    });
    const created = await client.customers.create(input);
    const token = await firstToken(bin.url);
    expect(token.expires_in).toBe(5);
    // Wait by the server's word, not a sleep: poll until it refuses the token the client holds.
    await expect
      .poll(
        async () =>
          (
            await fetch(`${bin.url}/api/v2/Payment/Customers?count=1`, {
              headers: { authorization: `Bearer ${token.access_token}` },
            })
          ).status,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(403);
    // Counted from here: on a loaded machine a short-lived token can expire before the create, too.
    const before = recorder.calls.length;
    expect(await client.customers.get(created.id)).toMatchObject({ id: created.id });
    expect(recorder.calls.slice(before)).toEqual([
      `GET /api/v2/Payment/Customers/${created.id} 403`,
      "POST /oauth/token 200",
      `GET /api/v2/Payment/Customers/${created.id} 200`,
    ]);
  });
});

// A token issued just after the client's: once it has expired, so has the client's.
async function firstToken(url: string): Promise<{ access_token: string; expires_in: number }> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "ttl", client_secret: "secret" });
  return (await (await fetch(`${url}/oauth/token`, { method: "POST", body })).json()) as {
    access_token: string;
    expires_in: number;
  };
}
