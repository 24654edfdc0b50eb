// Hardening: secrets and the quality of errors.
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPaymentCustomersClient, PaymentCustomersError, rawClient } from "../../src/index.js";
import { customerId, type FaultServer, input, isApi, json, startFaultServer, token } from "../faults/fault-server.js";

const servers: FaultServer[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const serve = async (handler: Parameters<typeof startFaultServer>[0]) => {
  const server = await startFaultServer(handler);
  servers.push(server);
  return server;
};

// Characters that every encoding writes differently: form (`+`, `%2F`), URL (`%20`) and JSON (`\"`, `\\`).
const clientSecret = 'sec ret/+"\\=&ü-0123456789';
const formEncoded = new URLSearchParams({ s: clientSecret }).toString().slice(2);
const forms = [clientSecret, formEncoded, encodeURIComponent(clientSecret), JSON.stringify(clientSecret).slice(1, -1)];

/** Every way an error reaches a log. */
const renderings = (error: unknown) => [
  String(error),
  (error as Error).message,
  JSON.stringify(error),
  inspect(error, { depth: 9 }),
  JSON.stringify({ ...(error as object) }),
];

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (error) => error,
  );

describe("13: no secret and no token in any field of any error", () => {
  it.each([400, 401, 429, 500, 503])(
    "the token endpoint's %i echoing the secret in every form and field",
    async (status) => {
      const echo = forms.join(" | ");
      const server = await serve((_request, response, seen) =>
        json(response, status, {
          error: `invalid_client ${echo}`,
          error_description: `got ${seen.body}`,
          error_user: echo,
          supportId: echo,
          code: echo,
          validation: [{ location: ["body", echo], message: echo }],
        }),
      );
      const client = createPaymentCustomersClient({
        environment: server.url,
        clientId: "client-id",
        clientSecret,
        maxRetries: 0,
      });
      const error = await failure(client.customers.get(customerId));
      expect(error).toBeInstanceOf(PaymentCustomersError);
      expect(error).toMatchObject({ status, path: "/oauth/token" });
      for (const text of renderings(error)) for (const form of forms) expect(text).not.toContain(form);
      expect(server.seen[0]?.body).toContain(formEncoded);
    },
  );

  it("the bearer token a server echoes is scrubbed from API errors (customers and raw)", async () => {
    const accessToken = "the-access-token.with/chars+=";
    const server = await serve((_request, response, seen) => {
      if (seen.path === "/oauth/token") return token(response, accessToken);
      const echo = `${seen.authorization} ${encodeURIComponent(accessToken)}`;
      json(response, 400, { error: echo, error_details: echo, error_user: echo, supportId: echo, code: echo });
    });
    const client = createPaymentCustomersClient({
      environment: server.url,
      clientId: "id",
      clientSecret,
      maxRetries: 0,
    });
    const error = await failure(client.customers.create(input));
    expect(error).toMatchObject({ kind: "validation", status: 400 });
    for (const text of renderings(error)) {
      expect(text).not.toContain(accessToken);
      expect(text).not.toContain(encodeURIComponent(accessToken));
    }
  });

  it("network errors of the token request do not carry the secret either", async () => {
    const server = await serve((_request, response) => response.destroy());
    const client = createPaymentCustomersClient({
      environment: server.url,
      clientId: "id",
      clientSecret,
      maxRetries: 0,
    });
    const error = await failure(client.customers.get(customerId));
    expect(error).toMatchObject({ kind: "network", path: "/oauth/token" });
    for (const text of renderings(error)) for (const form of forms) expect(text).not.toContain(form);
  });
});

describe("14: every failure is a PaymentCustomersError", () => {
  it("a 200 with a body that is not JSON (customers and raw)", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token"
        ? token(response, "token")
        : response.writeHead(200, { "content-type": "application/json" }).end("<html>secret page</html>"),
    );
    const client = createPaymentCustomersClient({
      environment: server.url,
      clientId: "id",
      clientSecret,
      maxRetries: 2,
    });
    const error = await failure(client.customers.get(customerId));
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({
      kind: "server",
      status: 200,
      method: "GET",
      path: `/api/v2/Payment/Customers/${customerId}`,
    });
    for (const text of renderings(error)) expect(text).not.toContain("secret page");
    const raw = rawClient(client).GET("/api/v2/Payment/Customers", {});
    await expect(raw).rejects.toBeInstanceOf(PaymentCustomersError);
    // Not retried: the answer arrived.
    expect(server.seen.filter(isApi)).toHaveLength(2);
  });
});

describe("15: errors for logs", () => {
  it("JSON.stringify(error) has the message and the safe fields, not the cause", async () => {
    const server = await serve((_request, response, seen) =>
      seen.path === "/oauth/token"
        ? token(response, "token")
        : json(response, 404, { status: "error", error: "ProductNotFoundException", supportId: "s".repeat(32) }),
    );
    const client = createPaymentCustomersClient({ environment: server.url, accessToken: "token" });
    const error = await failure(client.customers.get(customerId));
    const logged = JSON.parse(JSON.stringify(error));
    expect(logged).toMatchObject({
      name: "PaymentCustomersError",
      kind: "not_found",
      status: 404,
      message: (error as Error).message,
      exception: "ProductNotFoundException",
      supportId: "s".repeat(32),
    });
    expect(logged.message).toMatch(/^GET \/api\/v2\/Payment\/Customers\/PCU_\w+ failed with 404/);
  });

  it("network and timeout errors name the server's origin", async () => {
    const silent = await serve(() => {});
    const timeout = await failure(
      createPaymentCustomersClient({
        environment: silent.url,
        accessToken: "t",
        timeoutMs: 50,
        maxRetries: 0,
      }).customers.get(customerId),
    );
    expect(timeout).toMatchObject({ kind: "timeout" });
    expect((timeout as Error).message).toContain(silent.url);
    const closed = await serve(() => {});
    const url = closed.url;
    await closed.close();
    const refused = await failure(
      createPaymentCustomersClient({ environment: url, clientId: "id", clientSecret, maxRetries: 0 }).customers.get(
        customerId,
      ),
    );
    expect(refused).toMatchObject({ kind: "network", path: "/oauth/token" });
    expect((refused as Error).message).toBe(`POST /oauth/token got no answer from ${url} (ECONNREFUSED)`);
  });
});

describe("16: client credentials in a browser", () => {
  it("warn once (no throw) where `document` exists; an accessToken does not warn", async () => {
    vi.resetModules();
    const { createPaymentCustomersClient: create } = await import("../../src/index.js");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    create({ environment: "testing", clientId: "id", clientSecret: "secret" });
    expect(warn).not.toHaveBeenCalled();
    vi.stubGlobal("document", {});
    create({ environment: "testing", accessToken: "token" });
    expect(warn).not.toHaveBeenCalled();
    create({ environment: "testing", clientId: "id", clientSecret: "secret" });
    create({ environment: "live", clientId: "id", clientSecret: "secret" });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/clientSecret .*accessToken/);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('secret"');
  });
});
