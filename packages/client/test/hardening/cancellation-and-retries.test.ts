// Hardening: cancellation and retries.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { retryAfterSeconds } from "../../src/errors.js";
import { createPaymentCustomersClient, iterateCustomers, PaymentCustomersError } from "../../src/index.js";
import {
  customer,
  customerId,
  type FaultServer,
  isApi,
  json,
  startFaultServer,
  token,
} from "../faults/fault-server.js";

const servers: FaultServer[] = [];
// Node loads its fetch on first use; do that before the timers of these tests start.
beforeAll(() => fetch("data:,warm-up"));
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const serve = async (handler: Parameters<typeof startFaultServer>[0]) => {
  const server = await startFaultServer(handler);
  servers.push(server);
  return server;
};
const tokenRequests = (server: FaultServer) => server.seen.filter((seen) => seen.path === "/oauth/token").length;
const credentials = { clientId: "client-id", clientSecret: "client-secret" };

describe("8: the caller's signal and limits reach the token request", () => {
  it("an already-aborted signal sends no token request", async () => {
    const server = await serve((_request, response) => token(response, "token"));
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    await expect(customers.get(customerId, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(server.seen).toHaveLength(0);
  });

  it("an abort releases a call waiting for a slow token request at once; the others still get the token", async () => {
    let answerToken: (() => void) | undefined;
    const server = await serve((_request, response, seen) => {
      if (seen.path !== "/oauth/token") return json(response, 200, customer);
      answerToken = () => token(response, "token");
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    const controller = new AbortController();
    const aborted = customers.get(customerId, { signal: controller.signal });
    const other = customers.get(customerId);
    await vi.waitFor(() => expect(answerToken).toBeDefined());
    controller.abort(new Error("the caller gave up"));
    await expect(aborted).rejects.toThrow("the caller gave up");
    answerToken?.();
    await expect(other).resolves.toMatchObject({ id: customerId });
    expect(tokenRequests(server)).toBe(1);
    expect(server.seen.filter(isApi)).toHaveLength(1);
  });

  it("the call's timeoutMs and maxRetries apply to the token request", async () => {
    const server = await serve(() => {});
    // Counted where the client sends: under load the server may not have read the request before the timeout.
    const sent: string[] = [];
    const { customers } = createPaymentCustomersClient({
      environment: server.url,
      ...credentials,
      fetch: (request) => {
        sent.push(new URL(request.url).pathname);
        return fetch(request);
      },
    });
    const error = await customers.get(customerId, { timeoutMs: 100, maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "timeout", method: "POST", path: "/oauth/token", timeoutMs: 100 });
    expect(sent).toEqual(["/oauth/token"]);
  });
});

describe("9: one retry budget per logical call", () => {
  it("a re-send after a rejected token uses the same budget: 401 then a 503 storm is 3 attempts with maxRetries 2", async () => {
    let issued = 0;
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, `token-${++issued}`);
      if (seen.authorization === "Bearer token-1") return json(response, 401, {});
      json(response, 503, {}, { "retry-after": "0" });
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials, maxRetries: 2 });
    await expect(customers.get(customerId)).rejects.toMatchObject({ kind: "server", status: 503 });
    expect(server.seen.filter(isApi)).toHaveLength(3);
  });

  it("the re-send after a rejected token is made even with maxRetries 0", async () => {
    let issued = 0;
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, `token-${++issued}`);
      if (seen.authorization === "Bearer token-1") return json(response, 401, {});
      json(response, 200, customer);
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials, maxRetries: 0 });
    await expect(customers.get(customerId)).resolves.toMatchObject({ id: customerId });
    expect(server.seen.filter(isApi)).toHaveLength(2);
  });
});

describe("10: Retry-After as RFC 9110 defines it", () => {
  const parse = (value: string) => retryAfterSeconds(new Headers({ "retry-after": value }));

  it("accepts delta-seconds and an IMF-fixdate only", () => {
    expect(parse("0")).toBe(0);
    expect(parse("120")).toBe(120);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(parse(inAMinute)).toBeGreaterThan(55);
    expect(parse("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(0);
    for (const value of ["-5", "1.5", "abc 5", "5 abc", "1e3", "0x10", "Sunday, 06-Nov-94 08:49:37 GMT", ""]) {
      expect(parse(value), value).toBeUndefined();
    }
  });

  it("an invalid Retry-After is not read as a date in 2001: the backoff applies", async () => {
    let calls = 0;
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "token");
      calls++;
      json(response, 429, {}, { "retry-after": "-5" });
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials, maxRetries: 1 });
    const error = await customers.get(customerId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "rate_limit", status: 429 });
    expect((error as PaymentCustomersError).retryAfter).toBeUndefined();
    expect(calls).toBe(2);
  });
});

describe("11: token answers", () => {
  it.each([
    ["missing", undefined],
    ["0", 0],
    ["negative", -30],
    ["not a number", "soon"],
  ])("expires_in %s: the token is kept for a default lifetime, not asked for per call", async (_name, expiresIn) => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token"
        ? json(response, 200, { access_token: "token", expires_in: expiresIn, token_type: "bearer" })
        : json(response, 200, customer),
    );
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    for (let i = 0; i < 3; i++) await customers.get(customerId);
    expect(tokenRequests(server)).toBe(1);
  });

  it("a tiny expires_in is raised to the floor of 30 s", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token" ? token(response, "token", 1) : json(response, 200, customer),
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    await customers.get(customerId);
    vi.setSystemTime(Date.now() + 5_000);
    await customers.get(customerId);
    expect(tokenRequests(server)).toBe(1);
    vi.setSystemTime(Date.now() + 30_000);
    await customers.get(customerId);
    expect(tokenRequests(server)).toBe(2);
  });

  it.each([
    ["empty", ""],
    ["with CR/LF", "token\r\nX-Injected: yes"],
    ["with a space", "two words"],
    ["not a string", 12345],
  ])("an access_token %s is refused with an auth error that does not carry it", async (_name, accessToken) => {
    const server = await serve((_request, response) =>
      json(response, 200, { access_token: accessToken, expires_in: 1200, token_type: "bearer" }),
    );
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    const error = await customers.get(customerId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "auth", path: "/oauth/token" });
    expect(JSON.stringify(error)).not.toContain("Injected");
    expect(server.seen.filter(isApi)).toHaveLength(0);
  });

  it("an unusable token from accessToken is refused: a string at construction, a provider's per call", async () => {
    const server = await serve((_request, response) => json(response, 200, customer));
    expect(() => createPaymentCustomersClient({ environment: server.url, accessToken: "a\nb" })).toThrow(
      PaymentCustomersError,
    );
    const { customers } = createPaymentCustomersClient({ environment: server.url, accessToken: () => "" });
    await expect(customers.get(customerId)).rejects.toMatchObject({ kind: "auth" });
    expect(server.seen).toHaveLength(0);
  });
});

describe("12: iterateCustomers() stops when the server makes no progress", () => {
  const page = (offset: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ ...customer, id: `PCU_${String(offset + i).padStart(30, "0")}` }));

  it("pages on with count and offset through a server that honours them", async () => {
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, "token");
      const query = new URL(seen.path, "http://x").searchParams;
      const offset = Number(query.get("offset"));
      json(response, 200, { count: 5, data: page(offset, Math.min(Number(query.get("count")), 5 - offset)) });
    });
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    const ids: string[] = [];
    for await (const found of iterateCustomers({ customers }, { pageSize: 2 })) ids.push(found.id);
    expect(ids).toEqual(page(0, 5).map((found) => found.id));
  });

  it("a server that ignores offset and whose count lies: an error, not an endless loop", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token" ? token(response, "token") : json(response, 200, { count: 1e9, data: page(0, 2) }),
    );
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    const ids: string[] = [];
    const iterating = (async () => {
      for await (const found of iterateCustomers({ customers }, { pageSize: 2 })) ids.push(found.id);
    })();
    await expect(iterating).rejects.toMatchObject({ kind: "server", message: /same page/ });
    expect(ids).toHaveLength(2);
    expect(server.seen.filter(isApi)).toHaveLength(2);
  });

  it("a page without data is a server error, not a TypeError", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token" ? token(response, "token") : json(response, 200, { count: 3 }),
    );
    const { customers } = createPaymentCustomersClient({ environment: server.url, ...credentials });
    await expect(iterateCustomers({ customers }).next()).rejects.toMatchObject({
      kind: "server",
      message: /without data/,
    });
  });
});
