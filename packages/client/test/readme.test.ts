// The README's quickstart (its first ```ts block) must run as pasted: built, against the mock, on the built package.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// One snippet's compile on a loaded machine took over a minute: the compiler (of all three) is stopped just short of
// the hook's own limit (hookTimeout in vitest.shared.mts), so it is killed when it hangs, never because it is slow.
const compileTimeout = 290_000;
const packageDir = fileURLToPath(new URL("..", import.meta.url));

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

// The README's TypeScript snippets, each in a fresh project of its own (its tsconfig.json, its package.json, what its
// node_modules would hold), compiled by test/compile-projects.mjs with TypeScript 7, what the README's `npm install
// --save-dev typescript` gives now (TypeScript 5.9 compiles the quickstart in the release rehearsal).
describe("the README's snippets in TypeScript", () => {
  let root: string | undefined;
  let readme: string;
  let snippets: ReturnType<typeof projects>;
  let compiled: Record<string, { typescript: string; diagnostics: string[] }>;

  beforeAll(async () => {
    readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    snippets = projects(readme);
    root = await mkdtemp(join(tmpdir(), "client-readme-tsc-"));
    const require = createRequire(import.meta.url);
    const dirs: string[] = [];
    for (const [name, project] of Object.entries(snippets)) {
      const dir = join(root, name);
      dirs.push(dir);
      // What `npm install` (and for the quickstart `npm pkg set type=module`) leaves: the package, built, the types.
      await mkdir(join(dir, "node_modules", "@payment-customers"), { recursive: true });
      await symlink(packageDir, join(dir, "node_modules/@payment-customers/client"));
      if (project.nodeTypes) {
        await mkdir(join(dir, "node_modules", "@types"), { recursive: true });
        await symlink(dirname(require.resolve("@types/node/package.json")), join(dir, "node_modules/@types/node"));
      }
      const manifest = { name: project.packageName, private: true, type: "module" };
      await writeFile(join(dir, "package.json"), JSON.stringify(manifest));
      for (const [file, text] of Object.entries(project.files)) await writeFile(join(dir, file), text);
    }
    const script = fileURLToPath(new URL("compile-projects.mjs", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...dirs], {
      timeout: compileTimeout,
      maxBuffer: 64 * 2 ** 20,
    });
    const results = JSON.parse(stdout);
    compiled = Object.fromEntries(Object.keys(snippets).map((name) => [name, results[join(root ?? "", name)]]));
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("the quickstart compiles as written in a fresh project set up as the README says (TypeScript 7)", () => {
    const quickstart = readme.slice(readme.indexOf("## Quickstart"));
    expect(quickstart).toContain("npm pkg set type=module");
    expect(JSON.parse(snippets.quickstart.files["tsconfig.json"]).compilerOptions.types).toEqual(["node"]);
    expect(compiled.quickstart?.typescript).toMatch(/^7\./);
    expect(compiled.quickstart?.diagnostics).toEqual([]);
  });

  it("the get-change-put snippet compiles in strict TypeScript, against the built package", () => {
    expect(snippets["get-change-put"].files["snippet.ts"]).toContain("toInput(customer, {");
    expect(compiled["get-change-put"]?.diagnostics).toEqual([]);
  });

  it("the fetch-wrapping and rawClient snippets compile in strict TypeScript, against the built package", () => {
    const { files } = snippets["raw-snippets"];
    expect(files["wrapping.ts"]).toContain("fetch: (request) =>");
    expect(files["raw.ts"]).toContain("rawClient(client).GET(");
    expect(compiled["raw-snippets"]?.diagnostics).toEqual([]);
  });
});

/** The README's snippets as projects: the files of each (tsconfig.json included), and what it installs. */
function projects(readme: string) {
  const snippet = (heading: string) => /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))?.[1] ?? "";
  // The quickstart's project is the README's own: its tsconfig.json, Node's types, its code.
  const quickstart = readme.slice(readme.indexOf("## Quickstart"));
  const quickstartConfig = /```json\n([\s\S]*?)```/.exec(quickstart)?.[1] ?? "";
  // The other snippets compile in strict TypeScript, with what they take from the rest of the README.
  const strict = (extraOptions: Record<string, unknown>) =>
    JSON.stringify({
      compilerOptions: { module: "nodenext", target: "es2022", strict: true, noEmit: true, types: [], ...extraOptions },
    });
  // The get-change-put snippet takes a client and an id from the quickstart.
  const getChangePutPrelude = [
    'import { createPaymentCustomersClient, type PaymentCustomerId } from "@payment-customers/client";',
    "declare const client: ReturnType<typeof createPaymentCustomersClient>;",
    "declare const id: PaymentCustomerId;",
  ].join("\n");
  // The fetch-wrapping snippet takes the import of the client; rawClient's takes that client and an id.
  const wrappingPrelude = 'import { createPaymentCustomersClient } from "@payment-customers/client";';
  const rawPrelude = [
    'import type { PaymentCustomerId } from "@payment-customers/client";',
    'import { client } from "./wrapping.js";',
    "declare const id: PaymentCustomerId;",
  ].join("\n");
  return {
    quickstart: {
      packageName: "quickstart",
      nodeTypes: true,
      files: { "tsconfig.json": quickstartConfig, "quickstart.ts": /```ts\n([\s\S]*?)```/.exec(quickstart)?.[1] ?? "" },
    },
    "get-change-put": {
      packageName: "snippet",
      nodeTypes: false,
      files: {
        "tsconfig.json": strict({}),
        "snippet.ts": `${getChangePutPrelude}\n${snippet("### Get, change, put")}\nexport {};\n`,
      },
    },
    "raw-snippets": {
      packageName: "snippet",
      nodeTypes: false,
      files: {
        "tsconfig.json": strict({ lib: ["es2022", "dom"] }),
        "wrapping.ts": `${wrappingPrelude}\n${snippet("**Your own code around every request**")}\nexport { client };\n`,
        "raw.ts": `${rawPrelude}\n${snippet("## Anything else: `rawClient`")}\nexport { data, error };\n`,
      },
    },
  };
}
