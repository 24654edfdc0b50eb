import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPaymentCustomersClient, rawClient } from "../../src/index.js";
import { customer, customerId, type FaultServer, input, isApi, json, startFaultServer, token } from "./fault-server.js";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose API answers are taken from `answers` in order (the last one repeats). */
async function answering(...answers: [number, unknown, Record<string, string>?][]) {
  let next = 0;
  server = await startFaultServer((_request, response, seen) => {
    if (seen.path === "/oauth/token") return token(response, "token");
    const [status, body, headers] = answers[Math.min(next++, answers.length - 1)] ?? [500, {}];
    json(response, status, body, headers);
  });
  const client = createPaymentCustomersClient({ environment: server.url, clientId: "id", clientSecret: "secret" });
  return { client, customers: client.customers, apiRequests: () => server?.seen.filter(isApi).length };
}

describe("retries of reads, updates and deletes", () => {
  it("429 with Retry-After is retried after the wait", async () => {
    const { customers, apiRequests } = await answering([429, {}, { "retry-after": "0" }], [200, customer]);
    await expect(customers.get(customerId)).resolves.toMatchObject({ id: customerId });
    expect(apiRequests()).toBe(2);
  });

  it("503 then success resolves", async () => {
    const { customers, apiRequests } = await answering([503, {}], [200, customer]);
    await expect(customers.get(customerId)).resolves.toMatchObject({ id: customerId });
    expect(apiRequests()).toBe(2);
  });

  it("rawClient's calls are retried the same way, a create only when surely not processed", async () => {
    const { client, apiRequests } = await answering([429, {}, { "retry-after": "0" }], [503, {}], [200, customer]);
    const raw = rawClient(client);
    const item = "/api/v2/Payment/Customers/{paymentCustomerId}";
    const { data } = await raw.GET(item, { params: { path: { paymentCustomerId: customerId } } });
    expect(data).toMatchObject({ id: customerId });
    expect(apiRequests()).toBe(3);
    // A 503 without Retry-After: the create may have been processed, so it is not repeated.
    const { response } = await raw.POST("/api/v2/Payment/Customers", { body: input, maxRetries: 2 });
    expect(response.status).toBe(200);
    await server?.close();
    const again = await answering([503, {}], [200, customer]);
    const created = await rawClient(again.client).POST("/api/v2/Payment/Customers", { body: input });
    expect(created.response.status).toBe(503);
    expect(again.apiRequests()).toBe(1);
  });

  it("503 then success resolves for an update", async () => {
    const { customers, apiRequests } = await answering([503, {}], [200, customer]);
    await expect(customers.update(customerId, input)).resolves.toMatchObject({ id: customerId });
    expect(apiRequests()).toBe(2);
  });

  it("gives up after maxRetries (2 by default) with the last error", async () => {
    const { customers, apiRequests } = await answering([502, { error: "Gateway" }, { "retry-after": "0" }]);
    await expect(customers.list()).rejects.toMatchObject({ kind: "server", status: 502, exception: "Gateway" });
    expect(apiRequests()).toBe(3);
  });

  it("a Retry-After beyond a minute is not waited out: the error carries it", async () => {
    const { customers, apiRequests } = await answering([429, {}, { "retry-after": "3600" }]);
    await expect(customers.list()).rejects.toMatchObject({ kind: "rate_limit", status: 429, retryAfter: 3600 });
    expect(apiRequests()).toBe(1);
  });

  it("a 4xx other than 408 and 429 is not retried", async () => {
    const { customers, apiRequests } = await answering([404, { error: "ProductNotFoundException" }]);
    await expect(customers.get(customerId)).rejects.toMatchObject({ kind: "not_found" });
    expect(apiRequests()).toBe(1);
  });

  it("a connection reset during a GET is retried", async () => {
    let resets = 0;
    server = await startFaultServer((request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "token");
      if (resets++ === 0) return request.socket.destroy();
      json(response, 200, customer);
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, accessToken: "token" });
    await expect(customers.get(customerId)).resolves.toMatchObject({ id: customerId });
    expect(server.seen).toHaveLength(2);
  });
});

describe("create is never retried once the request may have reached the server", () => {
  it("a connection reset during the POST gives a network error and exactly one request on the server", async () => {
    server = await startFaultServer((request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "token");
      request.socket.destroy();
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, clientId: "id", clientSecret: "s" });
    await expect(customers.create(input)).rejects.toMatchObject({ kind: "network", method: "POST" });
    expect(server.seen.filter(isApi)).toHaveLength(1);
  });

  it("503 without Retry-After is not retried", async () => {
    const { customers, apiRequests } = await answering([503, {}], [200, customer]);
    await expect(customers.create(input)).rejects.toMatchObject({ kind: "server", status: 503 });
    expect(apiRequests()).toBe(1);
  });

  it("500 is not retried", async () => {
    const { customers, apiRequests } = await answering([500, {}], [200, customer]);
    await expect(customers.create(input)).rejects.toMatchObject({ kind: "server", status: 500 });
    expect(apiRequests()).toBe(1);
  });

  it("429 and 503 with Retry-After are retried: the server says it did not process the request", async () => {
    const { customers, apiRequests } = await answering(
      [429, {}, { "retry-after": "0" }],
      [503, {}, { "retry-after": "0" }],
      [200, customer],
    );
    await expect(customers.create(input)).resolves.toMatchObject({ id: customerId });
    expect(apiRequests()).toBe(3);
  });

  it("a refused connection (nothing was sent) is retried", async () => {
    const port = await closedPort();
    let attempts = 0;
    const { customers } = createPaymentCustomersClient({
      environment: `http://127.0.0.1:${port}`,
      accessToken: "token",
      fetch: (request) => {
        attempts++;
        return fetch(request);
      },
    });
    await expect(customers.create(input)).rejects.toMatchObject({ kind: "network", method: "POST" });
    expect(attempts).toBe(3);
  });
});

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
