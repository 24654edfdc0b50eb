// The README's quickstart (its first ```ts block) must run as pasted: built, against the mock, on the built package.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { expect, inject, it } from "vitest";

// A compile on a loaded machine took over a minute: the compiler is stopped just short of the test's own limit
// (testTimeout in vitest.shared.mts), so it is killed when it hangs, never because it is slow.
const compileTimeout = 170_000;

it("the quickstart runs against the mock", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet).toContain("@payment-customers/client");
  const { code } = await transform(snippet ?? "", { loader: "ts", format: "esm" });
  const built = new URL("../dist/index.js", import.meta.url).href;
  const dir = await mkdtemp(join(tmpdir(), "client-quickstart-"));
  try {
    const file = join(dir, "quickstart.mjs");
    await writeFile(file, code.replaceAll('"@payment-customers/client"', JSON.stringify(built)));
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      env: { ...process.env, PAYMENT_CUSTOMERS_URL: inject("mockUrl") },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^customer PCU_[A-Z0-9]{30}$/m);
    expect(stdout).toMatch(/^PCU_[A-Z0-9]{30} Muster/m);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("the quickstart compiles as written in a fresh project set up as the README says (TypeScript 5.9)", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const quickstart = readme.slice(readme.indexOf("## Quickstart"));
  const tsconfig = /```json\n([\s\S]*?)```/.exec(quickstart)?.[1] ?? "";
  const code = /```ts\n([\s\S]*?)```/.exec(quickstart)?.[1] ?? "";
  expect(quickstart).toContain("npm pkg set type=module");
  expect(JSON.parse(tsconfig).compilerOptions.types).toEqual(["node"]);
  const dir = await mkdtemp(join(tmpdir(), "client-quickstart-tsc-"));
  try {
    // What `npm install` and `npm pkg set type=module` leave: the package (built), @types/node, "type": "module".
    await mkdir(join(dir, "node_modules", "@payment-customers"), { recursive: true });
    await mkdir(join(dir, "node_modules", "@types"), { recursive: true });
    await symlink(fileURLToPath(new URL("..", import.meta.url)), join(dir, "node_modules/@payment-customers/client"));
    const require = createRequire(import.meta.url);
    await symlink(dirname(require.resolve("@types/node/package.json")), join(dir, "node_modules/@types/node"));
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "quickstart", private: true, type: "module" }));
    await writeFile(join(dir, "tsconfig.json"), tsconfig);
    await writeFile(join(dir, "quickstart.ts"), code);
    const tsc = require.resolve("typescript/bin/tsc");
    const { stdout } = await promisify(execFile)(process.execPath, [tsc, "--version"]);
    expect(stdout).toMatch(/^Version 5\.9\./);
    await promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", dir], { timeout: compileTimeout });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("the get-change-put snippet compiles in strict TypeScript, against the built package", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Get, change, put"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  expect(code).toContain("toInput(customer, {");
  // What the snippet takes from the quickstart: a client and an id.
  const prelude = [
    'import { createPaymentCustomersClient, type PaymentCustomerId } from "@payment-customers/client";',
    "declare const client: ReturnType<typeof createPaymentCustomersClient>;",
    "declare const id: PaymentCustomerId;",
  ].join("\n");
  await compileAgainstBuiltPackage("client-get-change-put-", {}, { "snippet.ts": `${prelude}\n${code}\nexport {};\n` });
});

it("the fetch-wrapping and rawClient snippets compile in strict TypeScript, against the built package", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const snippet = (heading: string) => /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))?.[1] ?? "";
  const wrapping = snippet("**Your own code around every request**");
  const raw = snippet("## Anything else: `rawClient`");
  expect(wrapping).toContain("fetch: (request) =>");
  expect(raw).toContain("rawClient(client).GET(");
  // What the snippets take from the rest of the README: the import of the client, and an id (rawClient's).
  const wrappingPrelude = 'import { createPaymentCustomersClient } from "@payment-customers/client";';
  const rawPrelude = [
    'import type { PaymentCustomerId } from "@payment-customers/client";',
    'import { client } from "./wrapping.js";',
    "declare const id: PaymentCustomerId;",
  ].join("\n");
  await compileAgainstBuiltPackage(
    "client-raw-snippets-",
    { lib: ["es2022", "dom"] },
    {
      "wrapping.ts": `${wrappingPrelude}\n${wrapping}\nexport { client };\n`,
      "raw.ts": `${rawPrelude}\n${raw}\nexport { data, error };\n`,
    },
  );
});

/** Type-checks `files` in strict TypeScript in a temp project whose `@payment-customers/client` is this package. */
async function compileAgainstBuiltPackage(
  prefix: string,
  extraOptions: Record<string, unknown>,
  files: Record<string, string>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await mkdir(join(dir, "node_modules", "@payment-customers"), { recursive: true });
    await symlink(fileURLToPath(new URL("..", import.meta.url)), join(dir, "node_modules/@payment-customers/client"));
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "snippet", private: true, type: "module" }));
    const options = { module: "nodenext", target: "es2022", strict: true, noEmit: true, types: [], ...extraOptions };
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options }));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    await promisify(execFile)(process.execPath, [tsc, "-p", dir], { timeout: compileTimeout });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
