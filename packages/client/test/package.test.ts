// What gets published: one runtime dependency, declarations that stand alone, both module formats.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), "utf8");

describe("the published package", () => {
  it("depends on openapi-fetch only", async () => {
    const manifest = JSON.parse(await read("package.json"));
    expect(Object.keys(manifest.dependencies)).toEqual(["openapi-fetch"]);
    expect(manifest.sideEffects).toBe(false);
  });

  it.each(["dist/index.d.ts", "dist/index.d.cts"])("%s inlines the generated types (a devDependency)", async (file) => {
    const declarations = await read(file);
    const imports = [...declarations.matchAll(/^import .* from ['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    expect(imports).toEqual(["openapi-fetch"]);
    expect(declarations).toContain("interface paths");
    expect(declarations).toMatch(/declare function createPaymentCustomersClient/);
  });

  it("loads from CommonJS and ESM with the same exports", async () => {
    const cjs = createRequire(import.meta.url)("../dist/index.cjs");
    const esm = await import(new URL("../dist/index.js", import.meta.url).href);
    const names = [
      "PaymentCustomersError",
      "createPaymentCustomersClient",
      "environments",
      "findCustomersByEmail",
      "iterateCustomers",
      "query",
      "rawClient",
      "toInput",
    ];
    expect(Object.keys(cjs).sort()).toEqual(names);
    expect(Object.keys(esm).sort()).toEqual(names);
  });

  it.each(["cjs", "esm"])("creates a working client from the %s build", async (format) => {
    const entry =
      format === "cjs"
        ? createRequire(import.meta.url)("../dist/index.cjs")
        : await import(new URL("../dist/index.js", import.meta.url).href);
    const seen: string[] = [];
    const client = entry.createPaymentCustomersClient({
      environment: "http://127.0.0.1:1",
      accessToken: "token",
      fetch: async (request: Request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return Response.json({ count: 0, data: [] });
      },
    });
    await expect(client.customers.list({ count: 1 })).resolves.toEqual({ count: 0, data: [] });
    // rawClient too: openapi-fetch's default export reaches it in either build.
    const { data } = await entry.rawClient(client).GET("/api/v2/Payment/Customers", {});
    expect(data).toEqual({ count: 0, data: [] });
    expect(seen).toEqual(["GET /api/v2/Payment/Customers", "GET /api/v2/Payment/Customers"]);
  });

  it("a bundle without rawClient leaves openapi-fetch out; one with it has it", async () => {
    const bundle = async (names: string) => {
      const result = await build({
        stdin: {
          contents: `export { ${names} } from "./dist/index.js";`,
          resolveDir: fileURLToPath(new URL("..", import.meta.url)),
        },
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      // What the bundle holds of each module it read (a module read but tree-shaken adds no bytes).
      const [output] = Object.values(result.metafile.outputs);
      return Object.entries(output?.inputs ?? {}).some(
        ([path, { bytesInOutput }]) => path.includes("openapi-fetch") && bytesInOutput > 0,
      );
    };
    expect(await bundle("createPaymentCustomersClient, iterateCustomers, findCustomersByEmail, query, toInput")).toBe(
      false,
    );
    expect(await bundle("createPaymentCustomersClient, rawClient")).toBe(true);
  });
});
