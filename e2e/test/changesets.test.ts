// The maintainer's changeset flow: `pnpm changeset` without a terminal, and the check that a change's changesets
// name every package it reaches. Fixture specs and changesets only: editing the real spec never breaks these.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/command.js";
import { repositoryRoot } from "../src/working-tree.js";

const [types, client, mock] = [
  "@payment-customers/types",
  "@payment-customers/client",
  "@payment-customers/mock",
] as const;
let root: string;
let dir: string;
beforeAll(async () => {
  root = await repositoryRoot();
  dir = await mkdtemp(join(tmpdir(), "payment-customers-changesets-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const outcome = (promise: Promise<{ stdout: string }>) =>
  promise.then(
    ({ stdout }) => ({ ok: true, output: stdout }),
    (error: Error) => ({ ok: false, output: error.message }),
  );

describe("pnpm changeset without a terminal", () => {
  const changeset = (cwd: string, ...args: string[]) =>
    outcome(run(process.execPath, [join(root, "scripts/changeset.mjs"), ...args], { cwd }));

  it("fails loudly and says how to pass the answers, instead of writing nothing", async () => {
    const { ok, output } = await changeset(root);
    expect(ok).toBe(false);
    expect(output).toContain("no terminal");
    expect(output).toContain('pnpm changeset --bump <major|minor|patch> --summary "');
  });

  it("writes a changeset naming all published packages from flags", async () => {
    const target = join(dir, "write");
    await mkdir(target);
    const { ok } = await changeset(dir, "--bump", "minor", "--summary", "Loosen the answers", "--dir", target);
    expect(ok).toBe(true);
    const [file = ""] = await readdir(target);
    expect(await readFile(join(target, file), "utf8")).toBe(
      `---\n"${types}": minor\n"${client}": minor\n"${mock}": minor\n---\n\nLoosen the answers\n`,
    );
  });

  it.each([
    [["--bump", "huge", "--summary", "x"], "--bump must be one of major, minor, patch"],
    [["--bump", "patch"], "--summary must say what changed"],
    [["--bump", "patch", "--summary", "x", "--package", "left-pad"], "unknown package left-pad"],
  ])("refuses %j", async (args, message) => {
    const target = await mkdtemp(join(dir, "refused-"));
    const { ok, output } = await changeset(dir, ...args, "--dir", target);
    expect(ok).toBe(false);
    expect(output).toContain(message);
    expect(await readdir(target)).toEqual([]);
  });
});

describe("check-changesets", () => {
  const spec = (description: string) =>
    `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0, description: ${description} }\npaths: {}\n`;
  async function check(current: string, released: string, changesets: Record<string, string[]>) {
    const work = await mkdtemp(join(dir, "check-"));
    await mkdir(join(work, "changesets"));
    await writeFile(join(work, "openapi.yaml"), current);
    await writeFile(join(work, "released.yaml"), released);
    for (const [name, packages] of Object.entries(changesets)) {
      const header = packages.map((pkg) => `"${pkg}": minor`).join("\n");
      await writeFile(join(work, "changesets", `${name}.md`), `---\n${header}\n---\n\nA change.\n`);
    }
    const args = ["--spec", "openapi.yaml", "--released", "released.yaml", "--changesets", "changesets"];
    return outcome(run(process.execPath, [join(root, "scripts/check-changesets.mjs"), ...args], { cwd: work }));
  }

  it("passes on the repository as it is", async () => {
    expect(await outcome(run(process.execPath, ["scripts/check-changesets.mjs"], { cwd: root }))).toMatchObject({
      ok: true,
    });
  });

  it("fails when the spec changed and the changeset names the types package only", async () => {
    const { ok, output } = await check(spec("new"), spec("old"), { "spec-change": [types, client] });
    expect(ok).toBe(false);
    expect(output).toContain("The spec changed since the last release");
    expect(output).toContain(mock);
  });

  it("passes when the spec changed and a changeset names all three", async () => {
    expect(await check(spec("new"), spec("old"), { "spec-change": [types, client, mock] })).toMatchObject({
      ok: true,
    });
  });

  it("without a spec change, a client-only changeset passes and a types-without-client one fails", async () => {
    expect(await check(spec("same"), spec("same"), { fix: [client] })).toMatchObject({ ok: true });
    const { ok, output } = await check(spec("same"), spec("same"), { names: [types] });
    expect(ok).toBe(false);
    expect(output).toContain(`.changeset/names.md names ${types} but not ${client}`);
  });
});
