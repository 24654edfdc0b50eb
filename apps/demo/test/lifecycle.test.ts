// The demo is the README's first command: it must run a real lifecycle against the sandbox and exit 0.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const demo = fileURLToPath(new URL("../dist/lifecycle.js", import.meta.url));

it("runs customers' whole life against the sandbox, with no Prefer staging, and exits 0", async () => {
  // Killed just short of the test's own limit (testTimeout in vitest.shared.mts): when it hangs, never when slow.
  const { stdout } = await run(process.execPath, [demo], { timeout: 170_000 });
  const ids = [...new Set(stdout.match(/PCU_[A-Z0-9]{30}/g))];
  expect(ids).toHaveLength(2);
  const [max, erika] = ids;
  const calls = stdout.split("\n").filter((line) => line.includes(" -> "));
  expect(calls.map((line) => line.trim())).toEqual([
    "POST /oauth/token -> 200",
    "POST /api/v2/Payment/Customers -> 200",
    "POST /api/v2/Payment/Customers -> 200",
    "GET /api/v2/Payment/Customers -> 200",
    `GET /api/v2/Payment/Customers/${max} -> 200`,
    "GET /api/v2/Payment/Customers -> 200",
    `PUT /api/v2/Payment/Customers/${max} -> 200`,
    `DELETE /api/v2/Payment/Customers/${erika} -> 200`,
    `GET /api/v2/Payment/Customers/${erika} -> 404`,
    "GET /api/v2/Payment/Customers -> 200",
  ]);
  expect(stdout).toContain('name "Max Mustermann" (derived by the server)');
  expect(stdout).toMatch(
    /updated PCU_\w+: Max Mustermann <max@mustermann\.example>, date of birth kept: 1901-02-03\S*, updated at /,
  );
  expect(stdout).toContain("2 customer(s) with this address; duplicates: yes");
  expect(stdout).toContain(`1 match(es): ${max}`);
  expect(stdout).toContain("kind=not_found status=404 exception=ProductNotFoundException");
  expect(stdout).toContain("Done: 1 customer(s) left.");
  expect(stdout).not.toContain("Prefer");
  expect(stdout).not.toContain("demo-client-secret");
});
