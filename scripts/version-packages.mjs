// `pnpm version-packages [flags]`: the release's versioning steps. Its flags are those of `changeset version`, and
// they are checked before any step runs: an unknown one is refused with nothing changed (a package.json chain of
// `&&` commands hands them to its last command only, after the versions were bumped and the changesets consumed).
//   (none)                             the release: bump, changelogs, spec info.version, record the released spec
//   --snapshot [tag]                   a snapshot (0.0.0-<tag>-<datetime>): bump and write the spec version, but
//                                      keep spec/released/ (a snapshot is no baseline); publish it with
//                                      `pnpm release --tag <tag>` from a throwaway checkout, commit nothing
//   --snapshot-prerelease-template t   with --snapshot, Changesets' version template
//   --ignore <package>                 leave a package out (repeatable), as `changeset version --ignore`
import { changesetCli, pnpm, runSteps, script } from "./steps.mjs";

const usage =
  "usage: pnpm version-packages [--snapshot [tag]] [--snapshot-prerelease-template <template>] [--ignore <package>]...";

/** The `changeset version` arguments for `argv`; throws a message for a flag it does not take. */
function parseVersionFlags(argv) {
  const flags = { snapshot: undefined, template: undefined, ignore: [] };
  for (let index = 0; index < argv.length; index++) {
    const [name, inline] = argv[index].split(/=(.*)/s, 2);
    const next = () => {
      if (inline !== undefined) return inline;
      const value = argv[index + 1];
      if (value === undefined || value.startsWith("-")) throw new Error(`${name} needs a value`);
      index++;
      return value;
    };
    if (name === "--snapshot") {
      // The tag is optional, as in `changeset version --snapshot`.
      const value = argv[index + 1];
      flags.snapshot = inline || (value !== undefined && !value.startsWith("-") ? argv[++index] : true);
    } else if (name === "--snapshot-prerelease-template") flags.template = next();
    else if (name === "--ignore") flags.ignore.push(next());
    else throw new Error(`unknown option ${JSON.stringify(argv[index])}`);
  }
  if (flags.template !== undefined && flags.snapshot === undefined) {
    throw new Error("--snapshot-prerelease-template needs --snapshot");
  }
  return {
    snapshot: flags.snapshot !== undefined,
    args: [
      ...(flags.snapshot === true ? ["--snapshot"] : flags.snapshot ? ["--snapshot", flags.snapshot] : []),
      ...(flags.template ? ["--snapshot-prerelease-template", flags.template] : []),
      ...flags.ignore.flatMap((name) => ["--ignore", name]),
    ],
  };
}

if (process.argv.includes("--help")) {
  console.log(usage);
  process.exit(0);
}
let parsed;
try {
  parsed = parseVersionFlags(process.argv.slice(2));
} catch (error) {
  console.error(`pnpm version-packages: ${error.message}; nothing was changed.\n${usage}`);
  process.exit(1);
}
runSteps([
  script("check-breaking-changes"),
  changesetCli("version", ...parsed.args),
  script("sync-spec-version"),
  ...(parsed.snapshot ? [] : [script("record-released-spec")]),
  pnpm("install", "--lockfile-only"),
]);
if (parsed.snapshot) {
  console.log(
    "Snapshot versions written; spec/released/ is unchanged. Publish with `pnpm release --tag <tag>` and " +
      "commit none of it.",
  );
}
