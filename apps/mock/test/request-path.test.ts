// The HTTP shell's connection details: answers say their length (no chunked encoding), and idle connections stay
// open longer than client pools keep them, so a pooled client never reuses a connection as the server closes it.
import { request } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MockServer, startMock } from "../dist/index.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock?.close();
});

// node:http, not fetch: fetch hides `transfer-encoding` and `keep-alive`.
function post(path: string, body: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const outgoing = request(new URL(path, mock.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    outgoing.on("response", (incoming) => {
      let text = "";
      incoming.on("data", (chunk) => {
        text += chunk;
      });
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

it("answers with content-length, not chunked, and keeps idle connections 65 s", async () => {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "shop", client_secret: "s" });
  for (const answer of [await post("/oauth/token", body.toString()), await post("/oauth/token", "")]) {
    expect(answer.headers["transfer-encoding"]).toBeUndefined();
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(answer.body)));
    expect(answer.headers["keep-alive"]).toBe("timeout=65");
  }
});
