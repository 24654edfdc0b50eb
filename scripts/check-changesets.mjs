// Fails when the pending changesets do not name every package a change reaches:
// - the spec differs from the last released spec (spec/released/openapi.yaml): the types are generated from it,
//   the client inlines those types in its .d.ts and the mock serves the spec, so one changeset must name all three;
// - a changeset names the types package: the client's .d.ts inlines the types, so it must name the client too.
// Options (for tests): --spec, --released, --changesets (paths relative to the working directory).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readChangesets } from "./changesets.mjs";
import { readPackageVersions } from "./spec-version.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: { spec: { type: "string" }, released: { type: "string" }, changesets: { type: "string" } },
});
const specPath = args.spec ? resolve(args.spec) : join(root, "spec/openapi.yaml");
const releasedPath = args.released ? resolve(args.released) : join(root, "spec/released/openapi.yaml");
const changesets = await readChangesets(args.changesets ? resolve(args.changesets) : join(root, ".changeset"));
const published = (await readPackageVersions(root)).map((pkg) => pkg.name);
const [types, client] = published;

const problems = [];
const specChanged =
  !existsSync(releasedPath) || (await readFile(specPath, "utf8")) !== (await readFile(releasedPath, "utf8"));
if (specChanged && !changesets.some(({ releases }) => published.every((name) => name in releases))) {
  problems.push(
    "The spec changed since the last release, and no pending changeset names all of " +
      `${published.join(", ")}: the types are generated from the spec, the client inlines them and the mock serves it.`,
  );
}
for (const { file, releases } of changesets) {
  if (types in releases && !(client in releases))
    problems.push(`.changeset/${file} names ${types} but not ${client}, whose type declarations inline it.`);
}

if (problems.length > 0) {
  console.error(
    `${problems.join("\n")}\nAdd the missing packages to the changeset, or write one with ` +
      '`pnpm changeset --bump <major|minor|patch> --summary "..."` (it names all published packages).',
  );
  process.exit(1);
}
console.log(
  `Changesets name every package the pending changes reach (${changesets.length} pending${specChanged ? ", spec changed" : ""}).`,
);
