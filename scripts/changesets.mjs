// Pending changesets (.changeset/*.md) as data, and the file a new one is written to.
import { randomBytes } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const BUMPS = ["major", "minor", "patch"];

/** The packages a changeset names, with their bump: `{ "@payment-customers/types": "minor", ... }`. */
export function parseChangeset(text) {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text)?.[1] ?? "";
  const releases = {};
  for (const line of frontMatter.split(/\r?\n/)) {
    const match = /^\s*["']?([^"':]+)["']?\s*:\s*["']?(major|minor|patch|none)["']?\s*$/.exec(line);
    if (match) releases[match[1].trim()] = match[2];
  }
  return releases;
}

/** Every pending changeset in `dir`: `{ file, releases }`. */
export async function readChangesets(dir) {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".md") && file !== "README.md").sort();
  return Promise.all(
    files.map(async (file) => ({ file, releases: parseChangeset(await readFile(join(dir, file), "utf8")) })),
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
