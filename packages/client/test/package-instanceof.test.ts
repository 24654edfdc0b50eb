// The packed tarball, as users install it: publint --strict and attw find nothing in it, and an error from the CommonJS
// build is `instanceof` the ESM class and back, in one Node process (a library in CommonJS and an app in ESM load both
// copies). One `pnpm pack` serves all three (publint and attw packing the package again cost a pack each).
import { execFile } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { attwTarball, packOnce, publintTarball } from "../../../vitest.tarball.mjs";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const packed = packOnce(packageDir, "client-tarball-");
beforeAll(async () => {
  const installed = join(packed.dir, "node_modules", "@payment-customers", "client");
  await mkdir(installed, { recursive: true });
  await run("tar", ["-xzf", packed.tarball, "-C", installed, "--strip-components=1"]);
  // The one runtime dependency, as the package manager would install it.
  const openapiFetch = join(packed.dir, "node_modules", "openapi-fetch");
  await symlink(join(packageDir, "node_modules", "openapi-fetch"), openapiFetch, "dir");
}, 120_000);

describe("the packed tarball", () => {
  it("publint --strict finds nothing to report in it", async () => {
    await publintTarball(packageDir, packed.tarball);
  });

  it("attw finds no problem with its types (node16 profile)", async () => {
    await attwTarball(packageDir, packed.tarball, ["--profile", "node16"]);
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
    const file = join(packed.dir, "check.mjs");
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, [file], { cwd: packed.dir });
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
