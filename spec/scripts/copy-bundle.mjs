// Ships the bundled spec inside a package: `node ../../spec/scripts/copy-bundle.mjs dist` copies
// spec/dist/openapi.yaml and openapi.json into that package's dist/. Used by the types and mock builds.
import { copyFile } from "node:fs/promises";
import { resolve } from "node:path";

const target = process.argv[2];
if (!target) throw new Error("usage: copy-bundle.mjs <target directory>");
for (const name of ["openapi.yaml", "openapi.json"]) {
  await copyFile(new URL(`../dist/${name}`, import.meta.url), resolve(target, name));
}
