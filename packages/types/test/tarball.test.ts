// The packed tarball, as it is published: publint --strict and attw find nothing in it. One `pnpm pack` serves both
// (each packing the package itself cost a pack more).
import { fileURLToPath } from "node:url";
import { it } from "vitest";
import { attwTarball, packOnce, publintTarball } from "../../../vitest.tarball.mjs";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const packed = packOnce(packageDir, "types-tarball-");

it("publint --strict finds nothing to report in the tarball", async () => {
  await publintTarball(packageDir, packed.tarball);
});

it("attw finds no problem with the tarball's types (node16 profile, the YAML entry point left out)", async () => {
  await attwTarball(packageDir, packed.tarball, ["--profile", "node16", "--exclude-entrypoints", "./openapi.yaml"]);
});
