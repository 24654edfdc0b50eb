// The API reference page served by the mock: `/` and `/client/...` answer the pages, everything else the API,
// and `docs: false` / `--no-docs` turn the pages off. (The page itself is tested in a browser in apps/docs.)
import { readFile } from "node:fs/promises";
import { parse } from "@stoplight/yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../dist/index.js";
import { runBin } from "./run-bin.js";

const get = (url: string, init: RequestInit = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });

describe("with the docs (the default)", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock?.close());

  it("GET / answers the API reference page, generated from the spec", async () => {
    const answer = await get(`${mock.url}/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await answer.text();
    expect(/<title>(.*?)<\/title>/.exec(html)?.[1]).toBe("secuconnect Payment Customers API");
    expect(html).toContain('<main id="reference"></main>');
    expect(Number(answer.headers.get("content-length"))).toBe(Buffer.byteLength(html));
  });

  it("the pages' answers forbid framing, content sniffing, and scripts or requests from anywhere but the mock", async () => {
    for (const path of ["/", "/reference/page.js", "/reference/scalar.standalone.js", "/openapi.json", "/client/"]) {
      const answer = await get(`${mock.url}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(answer.headers.get("x-frame-options"), path).toBe("DENY");
      const policy = answer.headers.get("content-security-policy") ?? "";
      for (const directive of [
        "default-src 'none'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ]) {
        expect(policy, path).toContain(directive);
      }
      // Only TypeDoc's pages (the client reference) need an inline script; the API reference runs none.
      expect(policy.includes("script-src 'self' 'unsafe-inline'"), path).toBe(path.startsWith("/client/"));
      await answer.arrayBuffer();
    }
  });

  it("GET /reference/ answers the page's scripts (Scalar's bundle shipped, not fetched)", async () => {
    const html = await (await get(`${mock.url}/`)).text();
    expect(html).toContain('<script src="reference/scalar.standalone.js"></script>');
    const bundle = await get(`${mock.url}/reference/scalar.standalone.js`);
    expect(bundle.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  it("HEAD / answers the headers only", async () => {
    const answer = await get(`${mock.url}/`, { method: "HEAD" });
    expect(answer.status).toBe(200);
    expect(Number(answer.headers.get("content-length"))).toBeGreaterThan(500);
    expect(await answer.text()).toBe("");
  });

  it("GET /openapi.yaml and /openapi.json answer the spec the mock serves, its servers naming the mock", async () => {
    const shipped = JSON.parse(await readFile(new URL("../dist/openapi.json", import.meta.url), "utf8"));
    for (const name of ["openapi.yaml", "openapi.json"]) {
      const answer = await get(`${mock.url}/${name}`);
      expect(answer.status).toBe(200);
      const text = await answer.text();
      // The same document in both forms: real YAML for the .yaml name (block style, as people read it).
      if (name === "openapi.yaml") expect(text).toMatch(/^openapi: 3\.1/);
      expect(name === "openapi.yaml" ? parse(text) : JSON.parse(text)).toEqual({
        ...shipped,
        servers: [{ url: mock.url, description: "this mock" }],
      });
    }
  });

  it("GET /client/ answers the client reference and its assets", async () => {
    const index = await get(`${mock.url}/client/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("createPaymentCustomersClient");
    const script = await get(`${mock.url}/client/assets/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    await script.arrayBuffer();
  });

  it.each([
    "/client/..%2F..%2Fopenapi.json",
    "/client/%2e%2e/%2e%2e/package.json",
    "/client/..%5C..%5Cindex.js",
    "/reference/..%2F..%2Findex.js",
    "/reference/%2e%2e/%2e%2e/package.json",
    "/client/no-such-page.html",
    "/index.html",
    "/docs/index.html",
  ])("%s is not a page: the API answers it (404)", async (path) => {
    const answer = await get(`${mock.url}${path}`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(await answer.json()).toMatchObject({ status: "error", error: "ProductNotFoundException" });
  });

  it("other methods on / go to the API, and the API answers through the same port", async () => {
    const post = await get(`${mock.url}/`, { method: "POST" });
    expect(post.status).toBe(404);
    await post.arrayBuffer();
    const token = await get(`${mock.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ token_type: "bearer" });
  });
});

describe("without the docs", () => {
  it("startMock({ docs: false }) answers / with the API's 404", async () => {
    const mock = await startMock({ port: 0, docs: false });
    try {
      const answer = await get(`${mock.url}/`);
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain("<html");
    } finally {
      await mock.close();
    }
  });

  it("--no-docs: the banner names no page and / is not served", async () => {
    const bin = await runBin(["--port", "0", "--no-docs"]);
    try {
      await expect.poll(bin.output).toContain("Press Ctrl+C to stop.");
      expect(bin.output()).not.toContain("API reference");
      const answer = await get(`${bin.url}/`);
      expect(answer.status).toBe(404);
      await answer.arrayBuffer();
    } finally {
      expect(await bin.stop()).toBe(0);
    }
  });

  // The default banner names the page: test/cli.test.ts, on the bin that test starts anyway.
});
