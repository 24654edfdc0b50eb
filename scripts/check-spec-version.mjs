// Fails when spec/openapi.yaml's `info.version` differs from the published packages' version,
// or when those packages do not share one version.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { readPackageVersions, readSpecVersion, sharedVersion } from "./spec-version.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

try {
  const version = sharedVersion(await readPackageVersions(root));
  const specVersion = readSpecVersion(await readFile(`${root}spec/openapi.yaml`, "utf8"));
  if (specVersion !== version) {
    throw new Error(
      `spec/openapi.yaml info.version is ${specVersion} but the published packages are at ${version}. ` +
        "Run `node scripts/sync-spec-version.mjs` (part of `pnpm version-packages`) and commit the result.",
    );
  }
  console.log(`spec/openapi.yaml info.version ${specVersion} matches the published packages`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
