// `pnpm changeset`: the Changesets CLI in a terminal; without one (scripts, CI, agents) it takes the answers as
// flags instead of silently writing nothing:
//   pnpm changeset --bump minor --summary "What changed, for integrators" [--package @payment-customers/client ...]
// Without --package it names all published packages (they share one version; a spec change changes all three).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BUMPS, writeChangeset } from "./changesets.mjs";
import { readPackageVersions } from "./spec-version.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);
const answers = argv.some((arg) => /^--(bump|summary|package)(=|$)/.test(arg));

if (!answers) {
  if (!process.stdin.isTTY && (argv.length === 0 || argv[0] === "add")) {
    console.error(
      "pnpm changeset: no terminal to ask the questions in, so nothing was written. Pass the answers instead:\n" +
        '  pnpm changeset --bump <major|minor|patch> --summary "What changed, for integrators" ' +
        "[--package <name> ...]\n(without --package it names all published packages)",
    );
    process.exit(1);
  }
  // A terminal, or a subcommand (status, version, pre, ...): the Changesets CLI itself.
  const cli = createRequire(import.meta.url).resolve("@changesets/cli/bin.js");
  const { status } = spawnSync(process.execPath, [cli, ...argv], { stdio: "inherit", cwd: root });
  process.exit(status ?? 1);
}

const fail = (message) => {
  console.error(`pnpm changeset: ${message}`);
  process.exit(1);
};
let values;
try {
  ({ values } = parseArgs({
    args: argv,
    options: {
      bump: { type: "string" },
      summary: { type: "string" },
      package: { type: "string", multiple: true },
      dir: { type: "string" }, // for tests
    },
  }));
} catch (error) {
  fail(error.message);
}
const published = (await readPackageVersions(root)).map((pkg) => pkg.name);
const packages = values.package ?? published;
if (!BUMPS.includes(values.bump ?? "")) fail(`--bump must be one of ${BUMPS.join(", ")}, got ${values.bump}`);
if (!values.summary?.trim()) fail("--summary must say what changed, for the changelog");
const unknown = packages.filter((name) => !published.includes(name));
if (unknown.length > 0) fail(`unknown package ${unknown.join(", ")}; published are ${published.join(", ")}`);

const dir = values.dir ? resolve(values.dir) : join(root, ".changeset");
const file = await writeChangeset(dir, { packages, bump: values.bump, summary: values.summary });
console.log(`wrote ${relative(process.cwd(), join(dir, file))} (${values.bump}: ${packages.join(", ")})`);
