// Writes the published packages' shared version into spec/openapi.yaml's `info.version`.
// Run by `pnpm version-packages` right after `changeset version`.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { readPackageVersions, readSpecVersion, sharedVersion, writeSpecVersion } from "./spec-version.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const specPath = `${root}spec/openapi.yaml`;
// The spec package owns YAML parsing; the root has no dependencies of its own.
const { parse } = createRequire(`${root}spec/package.json`)("yaml");

const version = sharedVersion(await readPackageVersions(root));
const spec = await readFile(specPath, "utf8");
if (readSpecVersion(spec) === version) {
  console.log(`spec/openapi.yaml info.version is already ${version}`);
} else {
  const updated = writeSpecVersion(spec, version);
  if (parse(updated).info.version !== version) throw new Error("Could not set info.version in spec/openapi.yaml");
  await writeFile(specPath, updated);
  console.log(`spec/openapi.yaml info.version set to ${version}`);
}
