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
    await promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", dir], { timeout: 60_000 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
