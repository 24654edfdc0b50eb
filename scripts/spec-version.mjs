// The spec's `info.version` follows the published packages' version: they form one changesets `fixed` group,
// so they always share one version, and the spec they are generated from carries it too.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export const PUBLISHED_PACKAGE_DIRS = ["packages/types", "packages/client", "apps/mock"];

/** The name and version of each published package, read from its package.json under `root`. */
export async function readPackageVersions(root) {
  return Promise.all(
    PUBLISHED_PACKAGE_DIRS.map(async (dir) => {
      const { name, version } = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8"));
      return { dir, name, version };
    }),
  );
}

// `version:` among the children of the top-level `info:` block (same indent as its first child); a text edit
// keeps the file's formatting and comments.
const INFO_VERSION =
  /^(?<head>info:[ \t]*\r?\n(?=(?<indent>[ \t]+))(?:(?:[ \t]+.*)?\r?\n)*?\k<indent>version:[ \t]*)(?<quote>["']?)(?<version>[^"'\r\n#]*?)\k<quote>(?<tail>[ \t]*(?:#.*)?)$/m;

/** `info.version` of an OpenAPI document given as YAML text. */
export function readSpecVersion(specText) {
  const version = INFO_VERSION.exec(specText)?.groups?.version;
  if (version === undefined) throw new Error("The spec has no `info.version`");
  return version;
}

/** The YAML text with `info.version` set to `version`, every other byte unchanged. */
export function writeSpecVersion(specText, version) {
  readSpecVersion(specText);
  return specText.replace(INFO_VERSION, (...match) => {
    const { head, quote, tail } = match.at(-1);
    return `${head}${quote}${version}${quote}${tail}`;
  });
}

/** The one version the published packages share; throws when they disagree. */
export function sharedVersion(packages) {
  const versions = new Set(packages.map((pkg) => pkg.version));
  if (versions.size !== 1) {
    const list = packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(", ");
    throw new Error(`The published packages must share one version (changesets "fixed" group), found: ${list}`);
  }
  return packages[0].version;
}
