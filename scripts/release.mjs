// `pnpm release [--tag <dist-tag>] [--otp <code>] [--no-git-tag]`: checks the spec's version, builds the three
// published packages and runs `changeset publish` with these flags. The flags are checked before anything runs, and
// a prerelease version (a snapshot from `pnpm version-packages --snapshot`) is refused without `--tag`: published
// untagged it would become `latest`, the version every `npm install` gets.
import { parseArgs } from "node:util";
import { readPackageVersions, sharedVersion } from "./spec-version.mjs";
import { changesetCli, root, runSteps, script, turbo } from "./steps.mjs";

const usage = "usage: pnpm release [--tag <dist-tag>] [--otp <code>] [--no-git-tag]";
let values;
try {
  ({ values } = parseArgs({
    options: {
      tag: { type: "string" },
      otp: { type: "string" },
      "no-git-tag": { type: "boolean" },
      help: { type: "boolean" },
    },
  }));
} catch (error) {
  console.error(`pnpm release: ${error.message}; nothing was published.\n${usage}`);
  process.exit(1);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const published = await readPackageVersions(root);
const version = sharedVersion(published);
if (version.includes("-") && !values.tag) {
  console.error(
    `pnpm release: ${version} is a prerelease or snapshot version; publish it under a dist-tag ` +
      "(`pnpm release --tag canary`) so that `latest` stays the last release. Nothing was published.",
  );
  process.exit(1);
}
runSteps([
  script("check-spec-version"),
  turbo("run", "build", ...published.map(({ name }) => `--filter=${name}`)),
  changesetCli(
    "publish",
    ...(values.tag ? ["--tag", values.tag] : []),
    ...(values.otp ? ["--otp", values.otp] : []),
    ...(values["no-git-tag"] ? ["--no-git-tag"] : []),
  ),
]);
