// The packed tarball, as users install it: publint --strict and attw find nothing in it, and an error from the CommonJS
// build is `instanceof` the ESM class and back, in one Node process (a library in CommonJS and an app in ESM load both
// copies). One `pnpm pack` serves all three (publint and attw packing the package again cost a pack each).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
let dir: string;
let tarball: string;
const bin = (name: string) => join(packageDir, "node_modules", ".bin", name);

/** Runs a command; a failure's error carries what the command printed. */
async function check(file: string, args: string[]) {
  try {
    return await run(file, args, { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/**
 * A pnpm command: through the pnpm that runs this test (`pnpm test` sets `npm_execpath`), which saves npx's cold start
 * of several seconds; else through npx, at the version the repo uses.
 */
function pnpm(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /^pnpm\//.test(process.env.npm_config_user_agent ?? "") && /\.c?js$/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : ["npx", ["--yes", "pnpm@10.34.9", ...args]];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "client-tarball-"));
  await run(...pnpm(["pack", "--pack-destination", dir]), { cwd: packageDir });
  const packed = (await readdir(dir)).filter((name) => name.endsWith(".tgz"));
  expect(packed).toHaveLength(1);
  tarball = join(dir, packed[0] ?? "");
  const installed = join(dir, "node_modules", "@payment-customers", "client");
  await mkdir(installed, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  // The one runtime dependency, as the package manager would install it.
  await symlink(join(packageDir, "node_modules", "openapi-fetch"), join(dir, "node_modules", "openapi-fetch"), "dir");
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the packed tarball", () => {
  it("publint --strict finds nothing to report in it", async () => {
    // publint exits 1 on an error, with --strict on a warning too; what it found is in the error then.
    await check(bin("publint"), ["run", tarball, "--strict"]);
  });

  it("attw finds no problem with its types (node16 profile)", async () => {
    // attw exits 1 on any problem of the profile; its table is in the error then.
    await check(bin("attw"), [tarball, "--profile", "node16"]);
  });

  it("instanceof PaymentCustomersError holds across the CommonJS and ESM builds, both ways", async () => {
    const script = `
      import { createRequire } from "node:module";
      const cjs = createRequire(import.meta.url)("@payment-customers/client");
      const esm = await import("@payment-customers/client");
      const failure = (entry) => entry.createPaymentCustomersClient({ environment: "testing", accessToken: "token" })
        .customers.get("not an id").catch((error) => error);
      const fromCjs = await failure(cjs);
      const fromEsm = await failure(esm);
      console.log(JSON.stringify({
        differentClasses: cjs.PaymentCustomersError !== esm.PaymentCustomersError,
        cjsInEsm: fromCjs instanceof esm.PaymentCustomersError,
        esmInCjs: fromEsm instanceof cjs.PaymentCustomersError,
        own: fromCjs instanceof cjs.PaymentCustomersError && fromEsm instanceof esm.PaymentCustomersError,
        isError: fromCjs instanceof Error && fromEsm instanceof Error,
        kinds: [fromCjs.kind, fromEsm.kind],
        strangers: [new Error("x") instanceof esm.PaymentCustomersError, null instanceof cjs.PaymentCustomersError,
          ({ kind: "api" }) instanceof esm.PaymentCustomersError],
      }));`;
    const file = join(dir, "check.mjs");
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, [file], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      differentClasses: true,
      cjsInEsm: true,
      esmInCjs: true,
      own: true,
      isError: true,
      kinds: ["validation", "validation"],
      strangers: [false, false, false],
    });
  });
});
