// Fails when spec/openapi.yaml has breaking changes against the last released spec (spec/released/openapi.yaml)
// and no pending changeset bumps the published packages `major`. Lists the changes in plain words either way,
// those that break the wire contract apart from those that only break typed consumers (a field no longer promised).
// Options (for tests): --spec, --released, --changesets (paths relative to the working directory).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeRef, findUnfollowableRefs } from "../spec/scripts/refs.mjs";
import { classifyBreakingChanges, TYPES_ONLY_EXPLANATION } from "./breaking-changes.mjs";
import { majorChangesets, readChangesets } from "./changesets.mjs";
import { readPackageVersions } from "./spec-version.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// The spec package owns YAML parsing; the root has no dependencies of its own.
const { parse } = createRequire(join(root, "spec/package.json"))("yaml");

const { values: args } = parseArgs({
  options: { spec: { type: "string" }, released: { type: "string" }, changesets: { type: "string" } },
});
const specPath = args.spec ? resolve(args.spec) : join(root, "spec/openapi.yaml");
const releasedPath = args.released ? resolve(args.released) : join(root, "spec/released/openapi.yaml");
const changesetDir = args.changesets ? resolve(args.changesets) : join(root, ".changeset");
const shown = (path) => relative(process.cwd(), path) || path;

if (!existsSync(releasedPath)) {
  console.log(`No released spec at ${shown(releasedPath)}: nothing to compare against.`);
  process.exit(0);
}
const texts = { released: await readFile(releasedPath, "utf8"), current: await readFile(specPath, "utf8") };
let released;
let current;
try {
  released = parse(texts.released);
  current = parse(texts.current);
} catch (error) {
  console.error(`The breaking-change check cannot read the spec: ${error.message}`);
  process.exit(1);
}
const { wire, types, unresolved } = classifyBreakingChanges(released, current);
const against = `${shown(releasedPath)} (version ${released.info?.version})`;
if (unresolved.length > 0) {
  // What an unfollowable $ref points to went unchecked: no verdict, rather than a pass with a blind spot.
  const lines = [
    ...findUnfollowableRefs(texts.released).map((problem) => describeRef(problem, shown(releasedPath))),
    ...findUnfollowableRefs(texts.current).map((problem) => describeRef(problem, shown(specPath))),
  ];
  console.error(
    `The breaking-change check cannot follow ${lines.length} $ref(s), so what they point to was not compared:\n` +
      `${lines.map((line) => `  ${line}`).join("\n")}\n` +
      "Point each at something under #/components in the same file (the spec is one self-contained document).",
  );
  process.exit(1);
}
if (wire.length + types.length === 0) {
  console.log(`No breaking changes in ${shown(specPath)} against ${against}.`);
  process.exit(0);
}

const packageNames = (await readPackageVersions(root)).map((pkg) => pkg.name);
const majors = majorChangesets(await readChangesets(changesetDir), packageNames);
// Both kinds break typed consumers of the packages, so both need a major version; the text says which is which.
const list = [
  ...wire.map((change) => `  BREAKING: ${change}`),
  ...(types.length > 0
    ? [
        `Breaking for typed consumers only. ${TYPES_ONLY_EXPLANATION}`,
        ...types.map((change) => `  BREAKING FOR TYPES: ${change}`),
      ]
    : []),
].join("\n");
if (majors.length > 0) {
  console.log(`Breaking changes against ${against}, accepted by the major changeset ${majors.join(", ")}:\n${list}`);
} else {
  console.error(
    `Breaking changes against ${against}:\n${list}\n\n` +
      "They need a major version: run `pnpm changeset` and pick `major` for the @payment-customers packages, " +
      "or undo the changes.",
  );
  process.exit(1);
}
