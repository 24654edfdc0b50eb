// What `pnpm generate` does, as a function of its arguments and environment: generate.mjs runs it for the terminal,
// the tests run it in-process, so the TypeScript compiler (which openapi-typescript brings) loads once for all of
// them instead of once per spawned script.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateTypes, SpecError } from "./generate-types.mjs";

/**
 * Generates src/generated/openapi.ts from the spec. With --check (or in CI) it writes nothing and fails when the
 * file differs from what the spec generates, so a spec edit without `pnpm generate` fails CI. Resolves with the exit
 * code and the message for the terminal (stdout when the code is 0, stderr otherwise).
 */
export async function generate(argv, { env = process.env, cwd = process.cwd() } = {}) {
  // --spec and --out exist for the tests, which run this on an edited copy of the spec.
  const { values: args } = parseArgs({
    args: argv,
    options: { check: { type: "boolean" }, spec: { type: "string" }, out: { type: "string" } },
  });
  const specUrl = args.spec
    ? new URL(args.spec, `file://${cwd}/`)
    : new URL("../../../spec/openapi.yaml", import.meta.url);
  const outUrl = args.out
    ? new URL(args.out, `file://${cwd}/`)
    : new URL("../src/generated/openapi.ts", import.meta.url);
  let generated;
  try {
    generated = await generateTypes(fileURLToPath(specUrl), args.spec ?? "spec/openapi.yaml");
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { code: 1, message: error.message };
  }

  // CI=false / CI=0 / an empty CI mean "not CI", as most CI tools read it.
  const inCi = Boolean(env.CI) && !/^(0|false)$/i.test(env.CI);
  const check = Boolean(args.check) || inCi;
  const outPath = fileURLToPath(outUrl);
  const shown = args.out ? outPath : "packages/types/src/generated/openapi.ts";
  if (!check) {
    await writeFile(outPath, generated);
    return { code: 0, message: `wrote ${shown}` };
  }
  const committed = await readFile(outPath, "utf8").catch(() => "");
  if (committed === generated) return { code: 0, message: `${shown} is up to date with the spec` };
  // Say how to write the file from here: in CI mode `pnpm generate` itself only checks.
  const fix = args.check
    ? "Run `pnpm generate` (without --check)"
    : `CI is set here (CI=${env.CI}), so \`pnpm generate\` only checks and writes nothing. ` +
      "Regenerate where CI is not set, or with `CI=false pnpm generate`";
  return {
    code: 1,
    message: `${shown} is stale: it does not match the spec.\n${fix}, then review the type diff and commit it (with a changeset).`,
  };
}
