// The published package works on its own: pack it once, check the tarball's files and types (publint --strict, attw),
// npm-install it into a fresh project outside the repository (no workspace, no pnpm overrides), run its bin and call
// the API through it. One `pnpm pack` serves all three: publint and attw packing it again themselves (as
// `publint --strict` and `attw --pack .` after Vitest did) cost a pack each and checked the same files.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { attwTarball, check, packTarball, publintTarball } from "../../../vitest.tarball.mjs";
import { runBin } from "./run-bin.js";

const packageDir = new URL("..", import.meta.url).pathname;
// A user's shell, not this repository's pnpm run: drop the npm/pnpm settings pnpm puts into the environment. The
// machine's CA file stays: an npm on a Node other than the machine's reads no machine npmrc, and needs it.
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => name === "npm_config_cafile" || (!/^(npm|pnpm)_/i.test(name) && name !== "NODE_OPTIONS"),
  ),
);

let project: string | undefined;
let tarball = "";
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "payment-customers-mock-"));
  tarball = await packTarball(packageDir, project);
}, 180_000);
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

it("publint --strict finds nothing to report in the tarball", async () => {
  await publintTarball(packageDir, tarball);
});

it("attw finds no problem with the tarball's types (node16 profile, the YAML entry point left out)", async () => {
  await attwTarball(packageDir, tarball, ["--profile", "node16", "--exclude-entrypoints", "./openapi.yaml"]);
});

it("the packed tarball installs with npm and its bin serves the sandbox", async () => {
  const dir = project ?? "";
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "mock-user", private: true }));
  await check("npm", ["install", "--no-audit", "--no-fund", `./${basename(tarball)}`], { cwd: dir, env: userEnv });

  // The Node 20 versions of Prism's packages, and no other (newer ones need Node 24).
  const { stdout } = await check("npm", ["ls", "--all", "--parseable", "--long"], { cwd: dir, env: userEnv });
  const prism = stdout.split("\n").filter((line) => line.includes("@stoplight/prism-"));
  expect(new Set(prism.map((line) => line.split(":")[1]))).toEqual(
    new Set(["@stoplight/prism-core@5.8.0", "@stoplight/prism-http@5.12.0"]),
  );

  const mock = await runBin(["--port", "0"], [join(dir, "node_modules", ".bin", "payment-customers-mock")]);
  try {
    const tokenAnswer = await fetch(`${mock.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
      signal: AbortSignal.timeout(30_000),
    });
    const { access_token } = (await tokenAnswer.json()) as { access_token: string };
    const list = await fetch(`${mock.url}/api/v2/Payment/Customers`, {
      headers: { authorization: `Bearer ${access_token}` },
      signal: AbortSignal.timeout(30_000),
    });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ count: 0, data: [] });
  } finally {
    expect(await mock.stop()).toBe(0);
  }
}, 180_000);
