// Pending changesets (.changeset/*.md) as data, and the file a new one is written to.
import { randomBytes } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import changesetParser from "@changesets/parse";

// The package is CommonJS with a default export.
const parse = changesetParser.default ?? changesetParser;

export const BUMPS = ["major", "minor", "patch"];

/**
 * The packages a changeset names, with their bump: `{ "@payment-customers/types": "minor", ... }`. Parsed by
 * Changesets' own parser, so a file it would refuse (no front matter) fails here too.
 */
export function parseChangeset(text) {
  return Object.fromEntries(parse(text).releases.map(({ name, type }) => [name, type]));
}

/** Every pending changeset in `dir`: `{ file, releases }`. */
export async function readChangesets(dir) {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".md") && file !== "README.md").sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), "utf8");
      try {
        return { file, releases: parseChangeset(text) };
      } catch (error) {
        throw new Error(`${join(dir, file)} is not a valid changeset: ${error.message.split("\n")[0]}`);
      }
    }),
  );
}

/** The files among `changesets` that bump one of `packageNames` by `major`. */
export function majorChangesets(changesets, packageNames) {
  return changesets
    .filter(({ releases }) => packageNames.some((name) => releases[name] === "major"))
    .map(({ file }) => file);
}

/** Writes a changeset naming `packages` with `bump`; returns its file name. */
export async function writeChangeset(dir, { packages, bump, summary }) {
  const file = `${summary
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "")}-${randomBytes(3).toString("hex")}.md`;
  const header = packages.map((name) => `"${name}": ${bump}`).join("\n");
  await writeFile(join(dir, file), `---\n${header}\n---\n\n${summary.trim()}\n`, { flag: "wx" });
  return file;
}
