// The HTTP shell answers what `fetch` cannot send with a clean 4xx, never a 500: TRACE, a malformed Host, a
// proxy-style absolute request URL (its path is used, never one built from Host). CORS as the API answers it
// (recorded): any origin, no credentials, the methods listed, preflights cached 600 s; the origin is never reflected.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../dist/index.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, docs: false });
});
afterAll(() => mock?.close());

/** One raw request: method, request target and headers exactly as given. */
function raw(method: string, target: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(mock.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const outgoing = request(
      { hostname, port, method, path: target, headers, setHost: !("host" in headers) },
      (answer) => {
        let body = "";
        answer.setEncoding("utf8");
        answer.on("data", (chunk: string) => {
          body += chunk;
        });
        answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("requests fetch cannot send", () => {
  it("TRACE: 405 with Allow, in the API's error shape", async () => {
    const answer = await raw("TRACE", "/api/v2/Payment/Customers");
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toContain("GET");
    expect(JSON.parse(answer.body)).toMatchObject({ status: "error", error: "ProductFormatException" });
  });

  it.each(["a b", "evil.example/api", "x@evil.example", "[::1"])("Host %j: 400", async (host) => {
    const answer = await raw("GET", "/api/v2/Payment/Customers", { host });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ status: "error", error: "ProductFormatException" });
  });

  it("a Host with a path in it does not change the path", async () => {
    // Before, `http://${host}${path}` made this `/oauth/token`.
    const answer = await raw("GET", "/nothing", { host: "127.0.0.1/oauth/token?" });
    expect(answer.status).toBe(400);
  });

  it("an absolute request URL: its path and query are used, not its host", async () => {
    const token = await raw("POST", `http://elsewhere.example/oauth/token?x=1`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    // A POST without a body: the token endpoint's own OAuth error, so the path was taken from the URL.
    expect(token.status).toBe(400);
    expect(JSON.parse(token.body)).toMatchObject({ error: "invalid_request" });
    const api = await raw("GET", "http://elsewhere.example/api/v2/Payment/Customers?count=1");
    expect(api.status).toBe(401);
  });

  it("a request target that is neither a path nor an http URL: 400", async () => {
    expect((await raw("GET", "*")).status).toBe(400);
  });
});

describe("CORS", () => {
  it("a preflight from any origin (null included): *, no credentials, methods listed, Max-Age 600", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const answer = await fetch(`${mock.url}/api/v2/Payment/Customers`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "DELETE",
          "access-control-request-headers": "authorization",
        },
      });
      expect(answer.status).toBe(204);
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
      expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
      expect(answer.headers.get("access-control-allow-methods")).toBe("GET, HEAD, POST, PUT, DELETE, OPTIONS");
      expect(answer.headers.get("access-control-max-age")).toBe("600");
    }
  });

  it("an answer never reflects the origin and never allows credentials", async () => {
    const answer = await fetch(`${mock.url}/api/v2/Payment/Customers`, { headers: { origin: "https://evil.example" } });
    await answer.arrayBuffer();
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
