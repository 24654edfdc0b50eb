// scripts/spec-version.mjs and its two commands: sync-spec-version.mjs writes the packages' version into the spec,
// check-spec-version.mjs fails when they differ.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSpecVersion, sharedVersion, writeSpecVersion } from "../../scripts/spec-version.mjs";
import { run } from "../src/command.js";
import { repositoryRoot } from "../src/working-tree.js";

const spec = `openapi: 3.1.0
info:
  title: Customers
  description: |
    version: 9.9.9 is text here, not the version
  license:
    name: MIT
  version: "1.0.0" # kept in step with the packages
paths: {}
`;

describe("readSpecVersion / writeSpecVersion", () => {
  it("reads info.version, not a nested or quoted look-alike", () => {
    expect(readSpecVersion(spec)).toBe("1.0.0");
    expect(readSpecVersion("info:\n  version: 0.3.0\n  title: x\n")).toBe("0.3.0");
  });

  it("changes only the version, keeping quotes and the comment", () => {
    const written = writeSpecVersion(spec, "2.0.0");
    expect(written).toBe(spec.replace('"1.0.0"', '"2.0.0"'));
    expect(readSpecVersion(written)).toBe("2.0.0");
  });

  it("throws when the spec has no info.version", () => {
    expect(() => readSpecVersion("openapi: 3.1.0\ninfo:\n  title: x\npaths: {}\n")).toThrow("no `info.version`");
  });
});

describe("sharedVersion", () => {
  it("is the version all published packages share", () => {
    const packages = ["types", "client", "mock"].map((name) => ({ name, version: "1.2.3" }));
    expect(sharedVersion(packages)).toBe("1.2.3");
  });

  it("throws, naming each package's version, when they differ", () => {
    const packages = [
      { name: "@payment-customers/types", version: "1.2.3" },
      { name: "@payment-customers/client", version: "1.3.0" },
    ];
    expect(() => sharedVersion(packages)).toThrow("@payment-customers/types@1.2.3, @payment-customers/client@1.3.0");
  });
});

describe("check-spec-version.mjs and sync-spec-version.mjs", () => {
  let root: string;
  let copy: string | undefined;
  const packageDirs = ["packages/types", "packages/client", "apps/mock"];

  beforeAll(async () => {
    root = await repositoryRoot();
  });

  afterEach(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  // The scripts, the spec and the published packages' manifests, in a temporary folder.
  async function copyWithVersions(versions: string[]): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "payment-customers-version-"));
    copy = dir;
    await cp(join(root, "scripts"), join(dir, "scripts"), { recursive: true });
    await mkdir(join(dir, "spec"));
    await cp(join(root, "spec/openapi.yaml"), join(dir, "spec/openapi.yaml"));
    await cp(join(root, "spec/package.json"), join(dir, "spec/package.json"));
    await symlink(join(root, "spec/node_modules"), join(dir, "spec/node_modules"));
    for (const [index, packageDir] of packageDirs.entries()) {
      const manifest = JSON.parse(await readFile(join(root, packageDir, "package.json"), "utf8"));
      await mkdir(join(dir, packageDir), { recursive: true });
      await writeFile(join(dir, packageDir, "package.json"), JSON.stringify({ ...manifest, version: versions[index] }));
    }
    return dir;
  }
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "passed",
      (error: Error) => error.message,
    );

  it("the repository's spec carries the packages' version", async () => {
    const { stdout } = await run("node", ["scripts/check-spec-version.mjs"], { cwd: root });
    expect(stdout).toMatch(/info\.version \S+ matches the published packages/);
  });

  it("fails when the spec's version differs, and passes after sync, which changes that one line", async () => {
    const dir = await copyWithVersions(["7.1.0", "7.1.0", "7.1.0"]);
    const before = await readFile(join(dir, "spec/openapi.yaml"), "utf8");
    const failure = await failureOf(run("node", ["scripts/check-spec-version.mjs"], { cwd: dir }));
    expect(failure).toContain(`info.version is ${readSpecVersion(before)} but the published packages are at 7.1.0`);

    await run("node", ["scripts/sync-spec-version.mjs"], { cwd: dir });
    const after = await readFile(join(dir, "spec/openapi.yaml"), "utf8");
    expect(after).toBe(writeSpecVersion(before, "7.1.0"));
    expect(after.split("\n").filter((line, index) => line !== before.split("\n")[index])).toEqual(["  version: 7.1.0"]);
    await run("node", ["scripts/check-spec-version.mjs"], { cwd: dir });
  });

  it("fails when the published packages' versions differ", async () => {
    const dir = await copyWithVersions(["7.1.0", "7.2.0", "7.1.0"]);
    const failure = await failureOf(run("node", ["scripts/check-spec-version.mjs"], { cwd: dir }));
    expect(failure).toContain("must share one version");
    expect(failure).toContain("@payment-customers/client@7.2.0");
  });
});
