// Generates src/generated/openapi.ts from the spec. With --check (or in CI) it writes nothing and fails
// when the committed file differs from what the spec generates, so a spec edit without `pnpm generate` fails CI.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateTypes, SpecError } from "./generate-types.mjs";

// --spec and --out exist for the tests, which run this script on an edited copy of the spec.
const { values: args } = parseArgs({
  options: { check: { type: "boolean" }, spec: { type: "string" }, out: { type: "string" } },
});
const specUrl = args.spec
  ? new URL(args.spec, `file://${process.cwd()}/`)
  : new URL("../../../spec/openapi.yaml", import.meta.url);
const outUrl = args.out
  ? new URL(args.out, `file://${process.cwd()}/`)
  : new URL("../src/generated/openapi.ts", import.meta.url);
let generated;
try {
  generated = await generateTypes(fileURLToPath(specUrl), args.spec ?? "spec/openapi.yaml");
} catch (error) {
  if (!(error instanceof SpecError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// CI=false / CI=0 / an empty CI mean "not CI", as most CI tools read it.
const inCi = Boolean(process.env.CI) && !/^(0|false)$/i.test(process.env.CI);
const check = Boolean(args.check) || inCi;
const outPath = fileURLToPath(outUrl);
const shown = args.out ? outPath : "packages/types/src/generated/openapi.ts";
if (check) {
  const committed = await readFile(outPath, "utf8").catch(() => "");
  if (committed !== generated) {
    // Say how to write the file from here: in CI mode `pnpm generate` itself only checks.
    const fix = args.check
      ? "Run `pnpm generate` (without --check)"
      : `CI is set here (CI=${process.env.CI}), so \`pnpm generate\` only checks and writes nothing. ` +
        "Regenerate where CI is not set, or with `CI=false pnpm generate`";
    console.error(
      `${shown} is stale: it does not match the spec.\n${fix}, then review the type diff and commit it (with a changeset).`,
    );
    process.exit(1);
  }
  console.log(`${shown} is up to date with the spec`);
} else {
  await writeFile(outPath, generated);
  console.log(`wrote ${shown}`);
}
