// A Vitest run that a signal ends leaves no temp folder behind (the shared config's clean-up on exit): run on a
// fixture with a temp dir of its own (TMPDIR), which holds Vitest's folder while the run goes and nothing after.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { repositoryRoot } from "../src/working-tree.js";

const fixture = fileURLToPath(new URL("../fixtures/vitest-signal/", import.meta.url));

it("a run ended by SIGTERM (Turbo stopping a task, a CI timeout; Ctrl+C takes the same way) leaves no temp folder", async () => {
  const tmp = await mkdtemp(join(tmpdir(), "payment-customers-vitest-signal-"));
  let running = () => {};
  const isRunning = new Promise<void>((resolve) => {
    running = resolve;
  });
  const server = createServer((_request, response) => {
    response.end();
    running();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const vitest = join(await repositoryRoot(), "node_modules/vitest/vitest.mjs");
  const child = spawn(process.execPath, [vitest, "run"], {
    cwd: fixture,
    env: { ...process.env, TMPDIR: tmp, RUNNING_URL: `http://127.0.0.1:${port}/`, NO_COLOR: "1" },
    stdio: "ignore",
  });
  try {
    await Promise.race([
      isRunning,
      once(child, "exit").then(([code]) => {
        throw new Error(`the fixture's run exited with ${code} before its test ran`);
      }),
    ]);
    expect(await readdir(tmp)).not.toEqual([]); // Vitest's folder, while the run goes
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
    expect(await readdir(tmp)).toEqual([]);
  } finally {
    child.kill("SIGKILL");
    server.close();
    await rm(tmp, { recursive: true, force: true });
  }
});
