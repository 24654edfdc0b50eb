import { afterEach, describe, expect, it } from "vitest";
import { createPaymentCustomersClient, PaymentCustomersError } from "../../src/index.js";
import { customerId, type FaultServer, startFaultServer } from "./fault-server.js";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAnswering(status: number, body: string, contentType?: string) {
  server = await startFaultServer((_request, response) => {
    response.writeHead(status, contentType ? { "content-type": contentType } : {}).end(body);
  });
  return createPaymentCustomersClient({ environment: server.url, accessToken: "token", maxRetries: 0 });
}

describe("error bodies that are not a ProductExceptionPayload", () => {
  it("a non-JSON body (a gateway's HTML page) still gives a typed error, without the page", async () => {
    const { customers } = await clientAnswering(502, "<html><body>Bad Gateway from nginx</body></html>", "text/html");
    const error = await customers.get(customerId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "server", status: 502, method: "GET" });
    expect((error as Error).message).toBe(`GET /api/v2/Payment/Customers/${customerId} failed with 502 (Bad Gateway)`);
    expect(JSON.stringify(error)).not.toContain("nginx");
  });

  it("an empty body gives the status and its text", async () => {
    const { customers } = await clientAnswering(404, "");
    const error = await customers.get(customerId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "not_found", status: 404 });
    expect((error as Error).message).toMatch(/failed with 404 \(Not Found\)$/);
  });

  it("a status outside the declared ones is an api error", async () => {
    const { customers } = await clientAnswering(409, '{"status":"error","error":"ProductConflictException"}');
    await expect(customers.list()).rejects.toMatchObject({
      kind: "api",
      status: 409,
      exception: "ProductConflictException",
    });
  });

  it("a 200 without a body is a server error, not undefined", async () => {
    const { customers } = await clientAnswering(200, "");
    await expect(customers.get(customerId)).rejects.toMatchObject({ kind: "server" });
  });
});
