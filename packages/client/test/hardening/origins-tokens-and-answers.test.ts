// Hardening, third round: no token for another origin, no hang on a token function, a middleware's error is its
// own, a cap on what the client reads, and a typed call that answers only the documented shape.
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createPaymentCustomersClient, PaymentCustomersError, rawClient } from "../../src/index.js";
import {
  customer,
  customerId,
  type FaultServer,
  input,
  isApi,
  json,
  startFaultServer,
} from "../faults/fault-server.js";

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const serve = async (handler: Parameters<typeof startFaultServer>[0]) => {
  const server = await startFaultServer(handler);
  servers.push(server);
  return server;
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (error) => error,
  );
const accessToken = "a-long-bearer-token";
const item = "/api/v2/Payment/Customers/{paymentCustomerId}" as const;
const byId = { params: { path: { paymentCustomerId: customerId } } };

describe("2: the token never leaves for another origin", () => {
  it("a per-call baseUrl of another server: a validation error, and that server receives nothing", async () => {
    const ours = await serve((_request, response) => json(response, 200, customer));
    const elsewhere = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: ours.url, accessToken });
    const error = await failure(rawClient(client).GET(item, { ...byId, baseUrl: elsewhere.url }));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "validation", method: "GET" });
    expect(error.message).toContain(elsewhere.url);
    expect(elsewhere.seen).toHaveLength(0);
    expect(ours.seen).toHaveLength(0);
  });

  it("a per-call baseUrl of the same origin and path is fine", async () => {
    const ours = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: ours.url, accessToken });
    const { data } = await rawClient(client).GET(item, { ...byId, baseUrl: `${ours.url}/` });
    expect(data).toMatchObject({ id: customerId });
  });

  it("a middleware that points the request elsewhere is refused before the token is added", async () => {
    const ours = await serve((_request, response) => json(response, 200, customer));
    const elsewhere = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: ours.url, accessToken });
    const raw = rawClient(client);
    raw.use({
      onRequest: ({ request }) => new Request(elsewhere.url + new URL(request.url).pathname, request),
    });
    await expect(raw.GET(item, byId)).rejects.toMatchObject({ kind: "validation" });
    expect(elsewhere.seen).toHaveLength(0);
  });

  it("an environment with a path prefix: a request outside the prefix is refused", async () => {
    const ours = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: `${ours.url}/sandbox`, accessToken });
    await expect(rawClient(client).GET(item, { ...byId, baseUrl: ours.url })).rejects.toMatchObject({
      kind: "validation",
    });
    expect(ours.seen).toHaveLength(0);
  });
});

describe("11: an accessToken function that never settles, throws or returns garbage", () => {
  it("the call's signal releases a call whose token function never settles", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken: () => new Promise(() => {}) });
    const controller = new AbortController();
    const call = client.customers.get(customerId, { signal: controller.signal });
    controller.abort(new Error("the caller gave up"));
    await expect(call).rejects.toThrow("the caller gave up");
    expect(server.seen).toHaveLength(0);
  });

  it("timeoutMs releases it with a timeout error that names the limit", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({
      environment: server.url,
      accessToken: () => new Promise(() => {}),
      timeoutMs: 50,
    });
    const error = await failure(client.customers.get(customerId));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "timeout", timeoutMs: 50 });
    expect(server.seen).toHaveLength(0);
  });

  it.each([
    [
      "throws",
      () => {
        throw new Error("vault unreachable");
      },
    ],
    ["rejects", () => Promise.reject(new Error("vault unreachable"))],
    ["returns a number", () => 42 as unknown as string],
    ["returns null", () => null as unknown as string],
    ["returns an object", () => Promise.resolve({ token: "x" } as unknown as string)],
  ])("a token function that %s gives an auth error", async (_, provider) => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken: provider });
    const error = await failure(client.customers.get(customerId));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "auth" });
    expect(server.seen).toHaveLength(0);
  });
});

describe("12: an error thrown by response middleware is not a network error", () => {
  it("a GET whose middleware throws is sent once, and the middleware's error is what the caller gets", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const thrown = new Error("my middleware broke");
    const raw = rawClient(client);
    raw.use({
      onResponse: () => {
        throw thrown;
      },
    });
    await expect(raw.GET(item, byId)).rejects.toBe(thrown);
    expect(server.seen.filter(isApi)).toHaveLength(1);
  });

  it("a create that succeeded is not reported as unanswered", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const raw = rawClient(client);
    raw.use({
      async onResponse() {
        throw new TypeError("fetch failed");
      },
    });
    const error = await failure(raw.POST("/api/v2/Payment/Customers", { body: input }));
    expect(error).not.toBeInstanceOf(PaymentCustomersError);
    expect(error.message).toBe("fetch failed");
    expect(server.seen.filter(isApi)).toHaveLength(1);
  });

  it("the middleware keeps its `this`, and eject removes it", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const seen: string[] = [];
    const middleware = {
      label: "mine",
      onRequest(this: { label: string }) {
        seen.push(this.label);
      },
    };
    rawClient(client).use(middleware);
    await rawClient(client).GET(item, byId);
    rawClient(client).eject(middleware);
    await rawClient(client).GET(item, byId);
    expect(seen).toEqual(["mine"]);
  });

  it("middleware is the raw client's: typed calls do not run it", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const seen: string[] = [];
    rawClient(client).use({ onRequest: ({ schemaPath }) => void seen.push(schemaPath) });
    await client.customers.get(customerId);
    await rawClient(client).GET(item, byId);
    expect(seen).toEqual([item]);
  });

  it("rawClient refuses what is not a client, before anything is sent", () => {
    const client = createPaymentCustomersClient({ environment: "testing", accessToken });
    for (const notAClient of [{ customers: client.customers }, undefined, {}]) {
      expect(() => rawClient(notAClient as never)).toThrow(PaymentCustomersError);
      expect(() => rawClient(notAClient as never)).toThrow(
        "rawClient needs a client from createPaymentCustomersClient",
      );
    }
    // A spread copy is still the client (tests often add to one).
    expect(rawClient({ ...client })).toBe(rawClient(client));
  });
});

describe("13: a cap on what the client reads and quotes", () => {
  it("an endless body ends early with a server error naming the limit", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, " ");
      const write = () => {
        while (!response.destroyed && response.write(chunk)) {}
        if (!response.destroyed) response.once("drain", write);
      };
      response.write("{");
      write();
    });
    const client = createPaymentCustomersClient({ environment: server.url, accessToken, maxResponseBytes: 1 << 20 });
    const error = await failure(client.customers.get(customerId));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "server", status: 200 });
    expect(error.message).toContain("maxResponseBytes");
    expect(server.seen.filter(isApi)).toHaveLength(1);
  });

  it("a Content-Length over the cap is refused without reading the body", async () => {
    const server = await serve((_request, response) => json(response, 200, { ...customer, padding: "x".repeat(5000) }));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken, maxResponseBytes: 1000 });
    await expect(client.customers.get(customerId)).rejects.toMatchObject({ kind: "server", status: 200 });
  });

  it("a compressed body is counted as it inflates: a small Content-Length does not let a gzip bomb through", async () => {
    const bomb = gzipSync(Buffer.alloc(20 << 20, " "));
    const server = await serve((_request, response) => {
      response
        .writeHead(200, {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "content-length": String(bomb.length),
        })
        .end(bomb);
    });
    const client = createPaymentCustomersClient({ environment: server.url, accessToken, maxResponseBytes: 1 << 20 });
    const error = await failure(client.customers.get(customerId));
    expect(error).toMatchObject({ kind: "server", status: 200 });
    expect(error.message).toContain("maxResponseBytes");
  });

  it("the default cap holds an error answer's 10 MB field back; what the error quotes is short", async () => {
    const huge = "E".repeat(10_000_000);
    const server = await serve((_request, response) =>
      json(response, 404, { status: "error", error: "ProductNotFoundException", error_details: huge }),
    );
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const error = await failure(client.customers.get(customerId));
    expect(error).toMatchObject({ kind: "server" });
    expect(error.message.length).toBeLessThan(300);
  });

  it("a 1 MB error field under a raised cap is cut in the message and the fields", async () => {
    const long = "E".repeat(1_000_000);
    const server = await serve((_request, response) =>
      json(response, 404, {
        status: "error",
        error: "ProductNotFoundException",
        error_details: long,
        error_user: long,
        validation: Array.from({ length: 5000 }, () => ({ message: long.slice(0, 200) })),
      }),
    );
    const client = createPaymentCustomersClient({ environment: server.url, accessToken, maxResponseBytes: 8 << 20 });
    const error = await failure(client.customers.get(customerId));
    expect(error).toMatchObject({ kind: "not_found", status: 404, exception: "ProductNotFoundException" });
    expect(error.message.length).toBeLessThan(1000);
    expect(error.errorDetails.length).toBeLessThan(1000);
    expect(error.errorUser.length).toBeLessThan(1000);
    expect(JSON.stringify(error).length).toBeLessThan(5000);
  });

  it("maxResponseBytes is checked", () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN, "1"]) {
      expect(() =>
        createPaymentCustomersClient({
          environment: "testing",
          accessToken,
          maxResponseBytes: maxResponseBytes as number,
        }),
      ).toThrow(/maxResponseBytes/);
    }
  });
});

describe("14: an answer that is not the documented shape is a server error", () => {
  it.each([
    ["null", null],
    ["an array", []],
    ["a number", 42],
    ["a bare string", "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ"],
    ["an object without id", { object: "payment.customers" }],
  ])("get() answered %s", async (what, body) => {
    const server = await serve((_request, response) => json(response, 200, body));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    const error = await failure(client.customers.get(customerId));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "server", status: 200 });
    // It says what came, never the value (it may be personal data).
    expect(error.message).toMatch(
      new RegExp(`with ${what.replace("a bare ", "a ").replace(" without id", " of another shape")}, not a customer$`),
    );
  });

  it.each([
    ["list() answering an array", (c: Client) => c.customers.list(), []],
    ["list() answering a page without data", (c: Client) => c.customers.list(), { count: 1 }],
    ["create() answering null", (c: Client) => c.customers.create(input), null],
    ["delete() answering an object", (c: Client) => c.customers.delete(customerId), customer],
    ["delete() answering [42]", (c: Client) => c.customers.delete(customerId), [42]],
  ])("%s", async (_, call, body) => {
    const server = await serve((_request, response) => json(response, 200, body));
    const client = createPaymentCustomersClient({ environment: server.url, accessToken });
    await expect(call(client)).rejects.toMatchObject({ kind: "server", status: 200 });
  });
});

type Client = ReturnType<typeof createPaymentCustomersClient>;
