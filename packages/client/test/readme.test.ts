// The README's quickstart (its first ```ts block) must run as pasted: built, against the mock, on the built package.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      timeout: 30_000,
    });
    expect(stdout).toMatch(/^customer PCU_[A-Z0-9]{30}$/m);
    expect(stdout).toMatch(/^PCU_[A-Z0-9]{30} Muster/m);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
