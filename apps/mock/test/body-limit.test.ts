// Request bodies over the limit (1 MiB unless configured) are answered 413 in the endpoint's error shape before they
// are read whole, also without a token: by Content-Length at once, else while they stream in.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type MockServer, startMock } from "../dist/index.js";
import { runBin } from "./run-bin.js";

const customers = "/api/v2/Payment/Customers";
const big = (bytes: number) => JSON.stringify({ contact: { forename: "x".repeat(bytes) } });
const tokenBody = (padding = "") =>
  new URLSearchParams({ grant_type: "client_credentials", client_id: "a", client_secret: `b${padding}` });
const httpFetch = (input: string, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });
const json = { "content-type": "application/json" };

async function expectTooLarge(answer: Response, limit: number, shape: "api" | "oauth") {
  expect(answer.status).toBe(413);
  const body = await answer.json();
  const description = `The request body is larger than the sandbox's limit of ${limit} bytes`;
  if (shape === "oauth") expect(body).toEqual({ error: "invalid_request", error_description: description });
  else expect(body).toMatchObject({ status: "error", error: "ProductFormatException", error_details: description });
}

describe("the server", () => {
  let mock: MockServer;
  let small: MockServer;
  beforeAll(async () => {
    [mock, small] = await Promise.all([startMock({ port: 0 }), startMock({ port: 0, maxBody: 1024 })]);
  });
  afterAll(() => Promise.all([mock?.close(), small?.close()]));

  it("answers 413 to a body over 1 MiB, without a token, in the API's and in OAuth's shape", async () => {
    const limit = 1024 * 1024;
    await expectTooLarge(
      await httpFetch(`${mock.url}${customers}`, { method: "POST", headers: json, body: big(limit) }),
      limit,
      "api",
    );
    await expectTooLarge(
      await httpFetch(`${mock.url}/oauth/token`, { method: "POST", body: tokenBody("x".repeat(limit)) }),
      limit,
      "oauth",
    );
    const token = await httpFetch(`${mock.url}/oauth/token`, { method: "POST", body: tokenBody() });
    expect(token.status).toBe(200);
  });

  it("answers 413 while a body without Content-Length streams in, before it ends", async () => {
    const { hostname, port } = new URL(small.url);
    const upload = request({ hostname, port, path: customers, method: "POST", headers: json });
    const answered = new Promise<{ status?: number; body: string }>((resolve, reject) => {
      upload.once("response", (response) => {
        let body = "";
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.once("end", () => resolve({ status: response.statusCode, body }));
      });
      upload.once("error", reject);
    });
    upload.write(big(2048)); // chunked, and never ended: the answer must not wait for the end
    const { status, body } = await answered;
    upload.destroy();
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: "ProductFormatException" });
  });

  it("serves bodies up to the limit", async () => {
    const answer = await httpFetch(`${small.url}/oauth/token`, { method: "POST", body: tokenBody() });
    expect(answer.status).toBe(200);
  });
});

describe("createSandbox", () => {
  it("answers 413 over its limit (default 1 MiB, option maxBody), with or without Content-Length", async () => {
    const sandbox = createSandbox({ maxBody: 1024 });
    const url = `http://sandbox.local${customers}`;
    await expectTooLarge(await sandbox.fetch(url, { method: "POST", headers: json, body: big(2048) }), 1024, "api");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big(2048)));
      },
    });
    const streamed = await sandbox.fetch(
      new Request(url, { method: "POST", headers: json, body: stream, duplex: "half" } as RequestInit),
    );
    await expectTooLarge(streamed, 1024, "api");
    const token = await sandbox.fetch("http://sandbox.local/oauth/token", { method: "POST", body: tokenBody() });
    expect(token.status).toBe(200);

    const standard = createSandbox();
    await expectTooLarge(
      await standard.fetch(url, { method: "POST", headers: json, body: big(1024 * 1024) }),
      1024 * 1024,
      "api",
    );
  });
});

it("--max-body sets the limit of the bin", async () => {
  const bin = await runBin(["--port", "0", "--max-body", "100"]);
  try {
    const answer = await httpFetch(`${bin.url}/oauth/token`, { method: "POST", body: tokenBody("x".repeat(100)) });
    await expectTooLarge(answer, 100, "oauth");
  } finally {
    await bin.stop();
  }
});
