// The packed tarball, as it is published: publint --strict and attw find nothing in it. One `pnpm pack` serves both
// (each packing the package itself cost a pack more).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, it } from "vitest";
import { attwTarball, packTarball, publintTarball } from "../../../vitest.tarball.mjs";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
let dir: string | undefined;
let tarball = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "types-tarball-"));
  tarball = await packTarball(packageDir, dir);
}, 120_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("publint --strict finds nothing to report in the tarball", async () => {
  await publintTarball(packageDir, tarball);
});

it("attw finds no problem with the tarball's types (node16 profile, the YAML entry point left out)", async () => {
  await attwTarball(packageDir, tarball, ["--profile", "node16", "--exclude-entrypoints", "./openapi.yaml"]);
});
