// Hardening, wrong requests: no request goes to the wrong place, and a bad argument sends nothing.
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  createPaymentCustomersClient,
  findCustomersByEmail,
  iterateCustomers,
  type PaymentCustomerId,
  type PaymentCustomersClientOptions,
  PaymentCustomersError,
  rawClient,
} from "../../src/index.js";
import { credentials, id, input, mockClient } from "../contract/mock-client.js";
import { customer, type FaultServer, json, startFaultServer, token } from "../faults/fault-server.js";

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const serve = async (handler: Parameters<typeof startFaultServer>[0]) => {
  const server = await startFaultServer(handler);
  servers.push(server);
  return server;
};

/** The error a promise rejects with, or a function throws. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

async function expectValidation(run: () => unknown, message?: RegExp) {
  const error = await failure(run);
  expect(error).toBeInstanceOf(PaymentCustomersError);
  expect(error).toMatchObject({ kind: "validation" });
  if (message) expect((error as Error).message).toMatch(message);
  return error as PaymentCustomersError;
}

describe("1: ids are checked whatever their type", () => {
  it("get, update and delete with undefined, null, a number or an object send nothing", async () => {
    const { customers, requests } = mockClient();
    for (const bad of [undefined, null, 42, {}, ["PCU_"], `${id}/..`]) {
      const badId = bad as unknown as PaymentCustomerId;
      await expectValidation(() => customers.get(badId), /Not a payment customer id/);
      await expectValidation(() => customers.update(badId, input));
      await expectValidation(() => customers.delete(badId));
    }
    expect(requests).toHaveLength(0);
  });

  it("the error shows the value it got, truncated and quoted (15)", async () => {
    const { customers } = mockClient();
    const error = await expectValidation(() => customers.get(`PCU_${"x".repeat(100)}` as PaymentCustomerId));
    expect(error.message).toContain('got "PCU_xxxxxxxxxxxxxxxxxxxx…"');
    expect((await expectValidation(() => customers.get(undefined as never))).message).toMatch(/got undefined$/);
  });
});

describe("2: redirects are not followed", () => {
  it("a 307 to the token request does not re-send the secret elsewhere", async () => {
    const elsewhere = await serve((_request, response) => token(response, "stolen"));
    const server = await serve((_request, response) =>
      response.writeHead(307, { location: `${elsewhere.url}/oauth/token` }).end(),
    );
    const client = createPaymentCustomersClient({ environment: server.url, ...credentials });
    const error = await failure(() => client.customers.get(id));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "api", status: 307, method: "POST", path: "/oauth/token" });
    expect((error as Error).message).toContain(`redirected (307) to ${elsewhere.url}`);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it("a 302 to a create does not become a GET whose answer create() resolves with", async () => {
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "token");
      if (seen.method === "POST") return response.writeHead(302, { location: "/elsewhere" }).end();
      json(response, 200, customer);
    });
    const client = createPaymentCustomersClient({ environment: server.url, ...credentials, maxRetries: 2 });
    const error = await failure(() => client.customers.create(input));
    expect(error).toMatchObject({ kind: "api", status: 302, method: "POST" });
    expect((error as Error).message).toContain(`redirected (302) to ${server.url}`);
    // The raw client too: a redirect is an error, not an answer.
    const raw = rawClient(client).POST("/api/v2/Payment/Customers", { body: input });
    await expect(raw).rejects.toMatchObject({ kind: "api", status: 302 });
    expect(server.seen.map((seen) => `${seen.method} ${seen.path}`)).toEqual([
      "POST /oauth/token",
      "POST /api/v2/Payment/Customers",
      "POST /api/v2/Payment/Customers",
    ]);
  });
});

describe("3: raw calls check path parameters", () => {
  it("a path parameter that is not an id sends nothing", async () => {
    const client = mockClient();
    const { requests } = client;
    const raw = rawClient(client);
    const path = "/api/v2/Payment/Customers/{paymentCustomerId}";
    for (const paymentCustomerId of ["..", "", "%2F", `${id}?x=1`, undefined]) {
      await expectValidation(() =>
        raw.DELETE(path, { params: { path: { paymentCustomerId: paymentCustomerId as string } } }),
      );
    }
    await expectValidation(() => raw.GET(path, {} as never));
    expect(requests).toHaveLength(0);
    await expect(raw.GET(path, { params: { path: { paymentCustomerId: id } } })).resolves.toMatchObject({
      data: { id },
    });
  });
});

describe("4: findCustomersByEmail without an address", () => {
  it("refuses undefined and the empty string without a search", async () => {
    const { customers, requests } = mockClient();
    for (const email of [undefined, "", null])
      await expectValidation(() => findCustomersByEmail({ customers }, email as string));
    await expectValidation(() => findCustomersByEmail({ customers }, "\uD800@example.com"));
    expect(requests).toHaveLength(0);
  });
});

describe("5: the environment URL", () => {
  const create = (environment: string) => () => createPaymentCustomersClient({ environment, ...credentials });

  it("refuses a query, a fragment and user-info at construction, without the password in the message", async () => {
    for (const environment of ["https://host.example/?x=1", "https://host.example/#top", "https://host.example/?"]) {
      await expectValidation(create(environment), /without a query or fragment/);
    }
    const error = await expectValidation(create("https://user:hunter2@host.example"), /user name or password/);
    expect(JSON.stringify(error)).not.toContain("hunter2");
    expect(error.message).not.toContain("hunter2");
    for (const environment of ["ftp://host.example", "host.example", "http://", "https://exa mple.com"]) {
      await expectValidation(create(environment), /http\(s\) URL/);
    }
  });

  it("accepts an origin with a path prefix, which every request keeps", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path.endsWith("/oauth/token") ? token(response, "token") : json(response, 200, customer),
    );
    const client = createPaymentCustomersClient({ environment: `${server.url}/prefix/`, ...credentials });
    await client.customers.get(id);
    expect(server.seen.map((seen) => seen.path)).toEqual([
      "/prefix/oauth/token",
      `/prefix/api/v2/Payment/Customers/${id}`,
    ]);
  });
});

describe("6: timeoutMs, maxRetries and pageSize are validated", () => {
  const options = (extra: Partial<PaymentCustomersClientOptions>) =>
    ({ environment: inject("mockUrl"), ...credentials, ...extra }) as PaymentCustomersClientOptions;

  it("at construction", async () => {
    for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31, Number.NEGATIVE_INFINITY, "100"]) {
      await expectValidation(
        () => createPaymentCustomersClient(options({ timeoutMs: timeoutMs as number })),
        /timeoutMs/,
      );
    }
    for (const maxRetries of [-1, Number.NaN, 2.5, Number.POSITIVE_INFINITY]) {
      await expectValidation(() => createPaymentCustomersClient(options({ maxRetries })), /maxRetries/);
    }
  });

  it("per call, before anything is sent", async () => {
    const { customers, requests } = mockClient();
    await expectValidation(() => customers.get(id, { timeoutMs: 0 }), /timeoutMs/);
    await expectValidation(() => customers.list({}, { timeoutMs: 2 ** 31 }), /timeoutMs/);
    await expectValidation(() => customers.create(input, { maxRetries: -1 }), /maxRetries/);
    for (const pageSize of [0, -1, Number.NaN, 1.5]) {
      await expectValidation(() => iterateCustomers({ customers }, { pageSize }).next(), /pageSize/);
    }
    await expectValidation(() => iterateCustomers({ customers }, { limit: -1 }).next(), /limit/);
    expect(requests).toHaveLength(0);
  });

  it("Infinity means no timeout (a timer of 2^31 ms or more would fire after 1 ms)", async () => {
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "token");
      setTimeout(() => json(response, 200, customer), 50);
    });
    const client = createPaymentCustomersClient({ environment: server.url, ...credentials, timeoutMs: Infinity });
    await expect(client.customers.get(id)).resolves.toMatchObject({ id });
    await expect(client.customers.get(id, { timeoutMs: Infinity })).resolves.toMatchObject({ id });
  });
});

describe("7: header values with CR, LF or NUL", () => {
  it("are refused at construction (userAgent) and per call (headers), without repeating the value", async () => {
    for (const userAgent of ["shop/1\r\nX-Injected: 1", "shop\n", "shop\0"]) {
      const error = await expectValidation(
        () => createPaymentCustomersClient({ environment: inject("mockUrl"), ...credentials, userAgent }),
        /userAgent/,
      );
      expect(error.message).not.toContain("Injected");
    }
    const { customers, requests } = mockClient();
    await expectValidation(() => customers.get(id, { headers: { "x-trace": "a\r\nb" } }), /x-trace/);
    expect(requests).toHaveLength(0);
  });
});
