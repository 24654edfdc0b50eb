// The demo is the README's first command: it must run the whole lifecycle and exit 0.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const demo = fileURLToPath(new URL("../dist/lifecycle.js", import.meta.url));

it("runs a customer's whole life against the mock and exits 0", async () => {
  const { stdout } = await run(process.execPath, [demo], { timeout: 50_000 });
  const calls = stdout.split("\n").filter((line) => line.includes(" -> "));
  expect(calls.map((line) => line.trim())).toEqual([
    "POST /oauth/token -> 200",
    "POST /api/v2/Payment/Customers -> 200",
    "GET /api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ -> 200",
    "GET /api/v2/Payment/Customers -> 200",
    "GET /api/v2/Payment/Customers -> 200",
    "PUT /api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ -> 200",
    "DELETE /api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ -> 200",
    "GET /api/v2/Payment/Customers/PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ -> 404",
  ]);
  expect(stdout).toContain("2 customer(s) with this address; duplicates: yes");
  expect(stdout).toContain("kind=not_found status=404 exception=ProductNotFoundException");
  expect(stdout).not.toContain("demo-client-secret");
});
