// What a caller can see besides the result: the answer's status and headers, every retry, a debug line per attempt,
// and the headers it sends with every call.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type AttemptInfo, createPaymentCustomersClient, type ResponseInfo } from "../src/index.js";
import { logLevelFromEnvironment } from "../src/logging.js";
import { customer, customerId, type FaultServer, isApi, json, startFaultServer, token } from "./faults/fault-server.js";

const servers: FaultServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const serve = async (handler: Parameters<typeof startFaultServer>[0]) => {
  const server = await startFaultServer(handler);
  servers.push(server);
  return server;
};
const accessToken = "a-long-bearer-token";

describe("response metadata", () => {
  it("a call's onResponse gets the status and headers of the answer it returns", async () => {
    const server = await serve((_request, response) => json(response, 200, customer, { "x-trace": "abc" }));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const seen: ResponseInfo[] = [];
    const got = await client.customers.get(customerId, { onResponse: (info) => seen.push(info) });
    expect(got).toMatchObject({ id: customerId });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "GET", path: `/api/v2/Payment/Customers/${customerId}`, status: 200 });
    expect(seen[0]?.headers.get("x-trace")).toBe("abc");
  });

  it("the client's onResponse sees every call (not the token request), the final answer after retries; a call's own replaces it", async () => {
    let calls = 0;
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "the-real-token");
      return ++calls === 1 ? json(response, 503, {}, { "retry-after": "0" }) : json(response, 200, customer);
    });
    const statuses: number[] = [];
    const client = createPaymentCustomersClient({
      environment: server.url,
      clientId: "client-id",
      clientSecret: "client-secret",
      onResponse: ({ status }) => statuses.push(status),
    });
    await client.customers.get(customerId);
    const own: number[] = [];
    await client.customers.get(customerId, { onResponse: ({ status }) => own.push(status) });
    expect(statuses).toEqual([200]);
    expect(own).toEqual([200]);
  });

  it("an error answer's headers and supportId are on the error", async () => {
    const server = await serve((_request, response) =>
      json(
        response,
        409,
        { status: "error", error: "ProductException", error_details: "x", supportId: "sup-1" },
        { "x-trace": "def" },
      ),
    );
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const error = await client.customers.get(customerId).catch((caught) => caught);
    expect(error).toMatchObject({ kind: "api", status: 409, supportId: "sup-1" });
    expect(error.headers.get("x-trace")).toBe("def");
    // Not in what loggers print.
    expect(JSON.stringify(error)).not.toContain("x-trace");
  });
});

describe("hooks", () => {
  it("onRetry is told each retry with its reason and wait; not the final attempt", async () => {
    let calls = 0;
    const server = await serve((request, response) => {
      if (++calls === 1) return json(response, 503, {}, { "retry-after": "0" });
      if (calls === 2) return request.socket.destroy();
      json(response, 200, customer);
    });
    const retries: AttemptInfo[] = [];
    const client = createPaymentCustomersClient({
      environment: server.url,
      accessToken,
      onRetry: (attempt) => retries.push(attempt),
    });
    await client.customers.get(customerId);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ method: "GET", status: 503, retryInMs: 0 });
    expect(retries[1]).toMatchObject({ method: "GET", failure: expect.any(String) });
    expect(retries[1]?.status).toBeUndefined();
    expect(retries[1]?.retryInMs).toBeGreaterThan(0);
  });

  it("default headers go with every call and the token request; a call's headers win; authorization is the client's", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token" ? token(response, "the-real-token") : json(response, 200, customer),
    );
    const headersSeen: Record<string, string | string[] | undefined>[] = [];
    server.seen.length = 0;
    const client = createPaymentCustomersClient({
      environment: server.url,
      clientId: "client-id",
      clientSecret: "client-secret",
      headers: { "x-tenant": "shop-1", authorization: "Bearer mine" },
      fetch: (request) => {
        headersSeen.push(Object.fromEntries(request.headers));
        return fetch(request);
      },
    });
    await client.customers.get(customerId);
    await client.customers.get(customerId, { headers: { "x-tenant": "shop-2" } });
    expect(headersSeen.map((headers) => headers["x-tenant"])).toEqual(["shop-1", "shop-1", "shop-2"]);
    expect(server.seen.filter(isApi).map((seen) => seen.authorization)).toEqual([
      "Bearer the-real-token",
      "Bearer the-real-token",
    ]);
  });

  it("default headers are checked", () => {
    expect(() =>
      createPaymentCustomersClient({ environment: "testing", accessToken, headers: { "x-a": "b\r\nc" } }),
    ).toThrow(/CR, LF or NUL/);
  });
});

describe("debug logging", () => {
  it("is off by default", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    await client.customers.get(customerId);
    expect(debug).not.toHaveBeenCalled();
  });

  it("logLevel debug: one line per attempt with method, path, status, time and the retry", async () => {
    let calls = 0;
    const server = await serve((_request, response) =>
      ++calls === 1 ? json(response, 503, {}, { "retry-after": "0" }) : json(response, 200, { count: 0, data: [] }),
    );
    const lines: string[] = [];
    const client = createPaymentCustomersClient({
      environment: server.url,
      accessToken,
      logLevel: "debug",
      logger: { debug: (line) => lines.push(line) },
    });
    await client.customers.list({ q: "contact.email:max@example.com" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^payment-customers: GET \/api\/v2\/Payment\/Customers 503 \d+ ms; retrying in 0 ms$/);
    expect(lines[1]).toMatch(/^payment-customers: GET \/api\/v2\/Payment\/Customers 200 \d+ ms$/);
    expect(lines.join()).not.toContain("max@example.com");
  });

  it("PAYMENT_CUSTOMERS_LOG=debug turns it on, to console.debug", async () => {
    vi.stubEnv("PAYMENT_CUSTOMERS_LOG", "debug");
    const server = await serve((_request, response) => json(response, 200, customer));
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    await client.customers.get(customerId);
    expect(debug).toHaveBeenCalledTimes(1);
    expect(debug.mock.calls[0]?.[0]).toMatch(/^payment-customers: GET \/api\/v2\/Payment\/Customers\/PCU_\w+ 200 /);
  });

  it("reads no environment where there is none, or where reading it would need a permission", () => {
    vi.stubEnv("PAYMENT_CUSTOMERS_LOG", "debug");
    expect(logLevelFromEnvironment()).toBe("debug");
    const querySync = vi.fn(() => ({ state: "prompt" }));
    vi.stubGlobal("Deno", { permissions: { querySync } });
    expect(logLevelFromEnvironment()).toBe("off");
    expect(querySync).toHaveBeenCalledWith({ name: "env", variable: "PAYMENT_CUSTOMERS_LOG" });
    vi.stubGlobal("Deno", undefined);
    vi.stubGlobal("process", undefined);
    expect(logLevelFromEnvironment()).toBe("off");
  });
});
