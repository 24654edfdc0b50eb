// Sandboxes on the bundled spec share one read of it per process: a suite that makes a sandbox per test pays for
// the parse once. Every read of a spec's operations is a measure on the performance timeline, so this counts them.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createSandbox } from "../../dist/index.js";

const bundledSpec = fileURLToPath(new URL("../../dist/openapi.json", import.meta.url));

const reads = () => performance.getEntriesByName("payment-customers-mock:read-operations").length;

async function firstAnswer(sandbox: ReturnType<typeof createSandbox>) {
  const response = await sandbox.fetch("http://sandbox.local/oauth/token", {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "shop", client_secret: "s" }),
  });
  expect(response.status).toBe(200);
}

it("reads the bundled spec once, however many sandboxes the process makes; a sandbox on its own spec reads it", async () => {
  const before = reads();
  for (let i = 0; i < 3; i++) await firstAnswer(createSandbox());
  await Promise.all([firstAnswer(createSandbox()), firstAnswer(createSandbox())]);
  expect(reads() - before).toBe(1);

  await firstAnswer(createSandbox({ spec: bundledSpec }));
  expect(reads() - before).toBe(2);
});
