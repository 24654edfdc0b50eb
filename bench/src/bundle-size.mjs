// Section 2: what each library adds to a browser bundle. One tiny entry per library, bundled by esbuild
// (`--bundle --minify --format=esm --platform=browser`), then gzip level 9. CI's budget lives in packages/client.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { kilobytes } from "./results.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));

// Our client three ways: what a typical integrator bundles and size-limit budgets (a client that gets its token by
// client credentials and calls the five operations: `createPaymentCustomersClient` alone, which is also the smallest
// import, since the grant is part of it), the quickstart's imports (with the paging and e-mail helpers and the
// `query` builder), and everything the package exports (with `rawClient`, so with openapi-fetch).
const entries = [
  {
    name: "@payment-customers/client: createPaymentCustomersClient",
    code: 'export { createPaymentCustomersClient } from "@payment-customers/client";',
  },
  {
    name: "@payment-customers/client: quickstart (client, iterateCustomers, findCustomersByEmail, query)",
    code: 'export { createPaymentCustomersClient, findCustomersByEmail, iterateCustomers, query } from "@payment-customers/client";',
  },
  {
    name: "@payment-customers/client: the whole library (export *)",
    code: 'export * from "@payment-customers/client";',
  },
  { name: "openapi-fetch", code: 'export { default as createClient } from "openapi-fetch";' },
  { name: "axios", code: 'export { default as axios } from "axios";' },
  { name: "superagent", code: 'export { default as superagent } from "superagent";' },
];

/** @param {string} code */
async function bundle(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: benchDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

/** @returns {Promise<import("./results.mjs").Measured>} */
export async function measureBundleSize() {
  /** @type {{ name: string, min: number, gzip: number }[]} */
  const sizes = [];
  const notes = [];
  for (const { name, code } of entries) {
    try {
      sizes.push({ name, ...(await bundle(code)) });
    } catch (error) {
      const { errors, message } = /** @type {{ errors?: { text: string }[], message: string }} */ (error);
      notes.push(`${name} could not be bundled: ${errors?.[0]?.text ?? message}`);
    }
  }
  return {
    tables: [
      {
        caption: "A browser bundle that imports only this library",
        headers: ["library", "min", "min+gzip"],
        rows: sizes.map(({ name, min, gzip }) => [name, kilobytes(min), kilobytes(gzip)]),
      },
    ],
    notes: [
      "esbuild `--bundle --minify --format=esm --platform=browser` of a one-line entry re-exporting the library; gzip with node:zlib level 9; 1 kB = 1000 bytes.",
      "Our first two rows hold no openapi-fetch: typed calls build their own requests, and only `rawClient` brings openapi-fetch (its own row), so only the whole-library row includes it. The 6 kB goal is checked on the first row, `createPaymentCustomersClient` alone: what a typical integrator bundles (client credentials and the five operations) and what the package's size-limit budget measures. It is also the smallest import: the client-credentials grant is part of the client. `iterateCustomers`, `findCustomersByEmail`, `query`, `toInput` and `rawClient` are tree-shaken when not imported.",
      ...notes,
    ],
    data: { sizes },
  };
}
