// The client's contract scenario, bundled by runtimes.test.ts and run in Chromium (page and worker), Bun and Deno:
// a token, a create, a get, a typed 404 (Prism's Prefer header), and a timeout (a server that never answers).
import { createPaymentCustomersClient, PaymentCustomersError } from "../../src/index.js";

export interface ScenarioUrls {
  /** The mock. */
  mockUrl: string;
  /** A server that accepts connections and never answers. */
  silentUrl: string;
}

const input = {
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max.mustermann@example.com",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
};

/** What each step gave, as plain JSON for the test to check. */
async function runContractScenario({ mockUrl, silentUrl }: ScenarioUrls) {
  const sent: string[] = [];
  const client = createPaymentCustomersClient({
    environment: mockUrl,
    clientId: "611c00ec6b2be6c77c2338774f50040b",
    clientSecret: "dc1f422dde755f0b1c4ac04e7efbd6c4c78870691fe783266d7d6c89439925eb",
    fetch: (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ failed: false }),
      (error: unknown) => ({
        failed: true,
        typed: error instanceof PaymentCustomersError,
        kind: (error as PaymentCustomersError).kind,
        status: (error as PaymentCustomersError).status,
        message: String((error as Error).message),
      }),
    );
  const created = await client.customers.create(input);
  const got = await client.customers.get(created.id);
  const notFound = await failure(client.customers.get(created.id, { headers: { Prefer: "code=404" }, maxRetries: 0 }));
  const silent = createPaymentCustomersClient({
    environment: silentUrl,
    accessToken: "runtime-test-token",
    timeoutMs: 300,
  });
  const timeout = await failure(silent.customers.get(created.id, { maxRetries: 0 }));
  return { sent, created: created.id, got: got.id, notFound, timeout };
}

export type ScenarioResult = Awaited<ReturnType<typeof runContractScenario>>;

// The bundle's exports, on the global object: a page script, a worker and a Bun or Deno script all reach them there.
Object.assign(globalThis, { runContractScenario, createPaymentCustomersClient });
