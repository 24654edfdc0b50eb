// The spec's lint step (scripts/lint.mjs) on a small fixture that both linters reject: one run lists Redocly's and
// Spectral's findings (with `&&` between them, Spectral's stayed hidden whenever Redocly failed).
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";

const lintScript = fileURLToPath(new URL("../scripts/lint.mjs", import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "payment-customers-lint-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function lint(spec: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [lintScript, spec], { cwd: fileURLToPath(new URL("..", import.meta.url)) });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

it("reports Redocly's and Spectral's findings together and fails", async () => {
  const spec = join(dir, "both-fail.yaml");
  // No license (Redocly's info-license), a plain-HTTP server (Spectral OWASP's no-server-http).
  await writeFile(
    spec,
    'openapi: 3.1.0\ninfo:\n  title: Bad\n  version: 1.0.0\nservers:\n  - url: http://api.example.com\npaths:\n  /things:\n    get:\n      responses:\n        "200":\n          description: OK\n',
  );
  const { code, output } = await lint(spec);
  expect(code).toBe(1);
  expect(output).toContain("── Redocly (failed) ──");
  expect(output).toContain("info-license");
  expect(output).toContain("── Spectral (failed) ──");
  expect(output).toContain("owasp:api8:2023-no-server-http");
  expect(output).toContain("Spec lint failed: Redocly and Spectral");
});
