import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPaymentCustomersClient, PaymentCustomersError } from "../../src/index.js";
import { customer, customerId, type FaultServer, isApi, json, startFaultServer, token } from "./fault-server.js";

const clientSecret = "s3cr3t-client-secret-value";
let server: FaultServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const clientFor = (url: string) =>
  createPaymentCustomersClient({ environment: url, clientId: "client-id", clientSecret, maxRetries: 0 });

describe("the access token", () => {
  it("expiring while 20 calls are in flight is renewed exactly once, and every call succeeds", async () => {
    let issued = 0;
    const held: (() => void)[] = [];
    server = await startFaultServer((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, `token-${++issued}`);
      if (seen.authorization === "Bearer token-2") return json(response, 200, customer);
      // Hold the calls made with the first token until all 20 arrived, then reject them all: it expired.
      held.push(() => json(response, 401, { status: "error", error: "ProductNotAllowedException", code: 2003 }));
      if (held.length === 20) for (const reject of held) reject();
    });
    const { customers } = clientFor(server.url);
    const results = await Promise.all(Array.from({ length: 20 }, () => customers.get(customerId)));
    expect(results.map((result) => result.id)).toEqual(Array(20).fill(customerId));
    expect(server.seen.filter((seen) => seen.path === "/oauth/token")).toHaveLength(2);
    expect(server.seen.filter(isApi)).toHaveLength(40);
  });

  it("is cached until shortly before expires_in, then requested again", async () => {
    server = await startFaultServer((_request, response, seen) =>
      seen.path === "/oauth/token" ? token(response, "token") : json(response, 200, customer),
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    const { customers } = clientFor(server.url);
    await customers.get(customerId);
    vi.setSystemTime(Date.now() + 1100 * 1000);
    await customers.get(customerId);
    expect(server.seen.filter((seen) => seen.path === "/oauth/token")).toHaveLength(1);
    vi.setSystemTime(Date.now() + 60 * 1000);
    await customers.get(customerId);
    expect(server.seen.filter((seen) => seen.path === "/oauth/token")).toHaveLength(2);
  });

  it("from a provider is asked for again once when the API rejects it", async () => {
    server = await startFaultServer((_request, response, seen) =>
      seen.authorization === "Bearer fresh" ? json(response, 200, customer) : json(response, 401, {}),
    );
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce("stale").mockResolvedValueOnce("fresh");
    const { customers } = createPaymentCustomersClient({ environment: server.url, accessToken: provider });
    await expect(customers.get(customerId)).resolves.toMatchObject({ id: customerId });
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it("rejected with 403 code 2003 on a create: the same body is sent once more with the new token", async () => {
    let issued = 0;
    server = await startFaultServer((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, `token-${++issued}`);
      if (seen.authorization === "Bearer token-2") return json(response, 201, customer);
      return json(response, 403, { status: "error", error: "ProductNotAllowedException", code: 2003 });
    });
    const { customers } = clientFor(server.url);
    await expect(customers.create({ contact: customer.contact })).resolves.toMatchObject({ id: customerId });
    const sent = server.seen.filter(isApi);
    expect(sent.map((seen) => [seen.method, seen.authorization])).toEqual([
      ["POST", "Bearer token-1"],
      ["POST", "Bearer token-2"],
    ]);
    expect(sent.map((seen) => JSON.parse(seen.body))).toEqual([
      { contact: customer.contact },
      { contact: customer.contact },
    ]);
  });

  it("rejected by a 403 with another code is not renewed", async () => {
    server = await startFaultServer((_request, response, seen) =>
      seen.path === "/oauth/token"
        ? token(response, "token")
        : json(response, 403, { status: "error", error: "ProductNotAllowedException", code: 2004 }),
    );
    const { customers } = clientFor(server.url);
    await expect(customers.get(customerId)).rejects.toMatchObject({ kind: "auth", status: 403, code: 2004 });
    expect(server.seen.map((seen) => seen.path)).toEqual(["/oauth/token", `/api/v2/Payment/Customers/${customerId}`]);
  });

  it("given as a string is sent as it is; a 401 is not re-sent", async () => {
    server = await startFaultServer((_request, response) => json(response, 401, {}));
    const { customers } = createPaymentCustomersClient({ environment: server.url, accessToken: "fixed-token" });
    await expect(customers.get(customerId)).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(server.seen.map((seen) => seen.authorization)).toEqual(["Bearer fixed-token"]);
  });
});

describe("bad credentials", () => {
  it("fail with an auth error that names neither the secret nor a token", async () => {
    server = await startFaultServer((_request, response) =>
      json(response, 400, {
        error: "invalid_client",
        // A server that echoes what it got must not make the secret part of the error either.
        error_description: `Client credentials were not found (got ${clientSecret})`,
      }),
    );
    const error = await clientFor(server.url)
      .customers.get(customerId)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "auth", status: 400, exception: "invalid_client", path: "/oauth/token" });
    expect((error as Error).message).toMatch(/clientId and clientSecret/);
    for (const text of [String(error), (error as Error).message, JSON.stringify(error), inspect(error, { depth: 9 })]) {
      expect(text).not.toContain(clientSecret);
    }
    expect(server.seen.filter(isApi)).toHaveLength(0);
  });

  it("errors of API calls never carry the access token or the request body", async () => {
    server = await startFaultServer((_request, response, seen) =>
      seen.path === "/oauth/token"
        ? token(response, "the-access-token")
        : json(response, 500, { status: "error", error: "ProductInternalException", supportId: "a".repeat(32) }),
    );
    const error = await clientFor(server.url)
      .customers.create({ contact: { ...customer.contact, forename: "Unique-Forename-123" } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "server", status: 500, supportId: "a".repeat(32) });
    for (const text of [String(error), (error as Error).message, JSON.stringify(error), inspect(error, { depth: 9 })]) {
      expect(text).not.toContain("the-access-token");
      expect(text).not.toContain(clientSecret);
      expect(text).not.toContain("Unique-Forename-123");
    }
  });
});
