// The packed package's files and types: pack it once, check the tarball with publint --strict and attw (each packing
// it again itself, as `publint --strict` and `attw --pack .` do, cost a pack and checked the same files). That the
// package works on its own (npm-installed into a project outside the repository, no workspace and no pnpm overrides,
// with the Node 20 versions of Prism's packages, its bin serving the API) is checked on the published package, the one
// users install, in the release rehearsal (e2e/test/publish.test.ts): installing this tarball too cost the suite an
// npm install of Prism's tree (16 CPU s) for the same files.
import { it } from "vitest";
import { attwTarball, packOnce, publintTarball } from "../../../vitest.tarball.mjs";

const packageDir = new URL("..", import.meta.url).pathname;
const packed = packOnce(packageDir, "payment-customers-mock-");

it("publint --strict finds nothing to report in the tarball", async () => {
  await publintTarball(packageDir, packed.tarball);
});

it("attw finds no problem with the tarball's types (node16 profile, the YAML entry point left out)", async () => {
  await attwTarball(packageDir, packed.tarball, ["--profile", "node16", "--exclude-entrypoints", "./openapi.yaml"]);
});
