// The published package works on its own: pack it, npm-install the tarball into a fresh project outside the
// repository (no workspace, no pnpm overrides), run its bin and call the API through it.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { runBin } from "./run-bin.js";

const run = promisify(execFile);
const packageDir = new URL("..", import.meta.url).pathname;
// A user's shell, not this repository's pnpm run: drop the npm/pnpm settings pnpm puts into the environment. The
// machine's CA file stays: an npm on a Node other than the machine's reads no machine npmrc, and needs it.
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => name === "npm_config_cafile" || (!/^(npm|pnpm)_/i.test(name) && name !== "NODE_OPTIONS"),
  ),
);

let project: string | undefined;
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

it("the packed tarball installs with npm and its bin serves the sandbox", async () => {
  project = await mkdtemp(join(tmpdir(), "payment-customers-mock-"));
  await run("pnpm", ["pack", "--pack-destination", project], { cwd: packageDir });
  const tarball = (await readdir(project)).find((name) => name.endsWith(".tgz"));
  expect(tarball).toBeDefined();

  await writeFile(join(project, "package.json"), JSON.stringify({ name: "mock-user", private: true }));
  await run("npm", ["install", "--no-audit", "--no-fund", `./${tarball}`], { cwd: project, env: userEnv });

  // The Node 20 versions of Prism's packages, and no other (newer ones need Node 24).
  const { stdout } = await run("npm", ["ls", "--all", "--parseable", "--long"], { cwd: project, env: userEnv });
  const prism = stdout.split("\n").filter((line) => line.includes("@stoplight/prism-"));
  expect(new Set(prism.map((line) => line.split(":")[1]))).toEqual(
    new Set(["@stoplight/prism-core@5.8.0", "@stoplight/prism-http@5.12.0"]),
  );

  const bin = await runBin(["--port", "0"], [join(project, "node_modules", ".bin", "payment-customers-mock")]);
  try {
    const tokenAnswer = await fetch(`${bin.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
      signal: AbortSignal.timeout(30_000),
    });
    const { access_token } = (await tokenAnswer.json()) as { access_token: string };
    const list = await fetch(`${bin.url}/api/v2/Payment/Customers`, {
      headers: { authorization: `Bearer ${access_token}` },
      signal: AbortSignal.timeout(30_000),
    });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ count: 0, data: [] });
  } finally {
    expect(await bin.stop()).toBe(0);
  }
}, 180_000);
