// `pnpm dev` (scripts/dev.mjs) on a copy of the bundled spec in a temp folder (never the real spec): a field saved
// into the spec reaches the generated types and the mock's served document, and a broken save is named, not fatal.
// How fast is measured by `pnpm bench` (bench/src/dev-loop.mjs), not here.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repositoryRoot } from "../src/working-tree.js";

let dir: string;
let dev: ChildProcess | undefined;
let output = "";
let spec: string;
let types: string;
let mockUrl: string;
const waiters = new Set<() => void>();

/** Resolves once the dev loop's output matches `pattern` after `from` (its length before the edit). */
function outputMatches(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output.slice(from));
      if (match) {
        waiters.delete(check);
        resolve(match);
      } else if (dev?.exitCode !== null) reject(new Error(`pnpm dev exited:\n${output}`));
    };
    waiters.add(check);
    check();
  });
}

beforeAll(async () => {
  const root = await repositoryRoot();
  dir = await mkdtemp(join(tmpdir(), "payment-customers-dev-"));
  spec = join(dir, "openapi.json");
  types = join(dir, "openapi.ts");
  await copyFile(join(root, "spec/dist/openapi.json"), spec);
  dev = spawn(
    process.execPath,
    ["scripts/dev.mjs", "--spec", spec, "--types-out", types, "--port", "0", "--no-check", "--no-docs"],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  process.once("exit", () => dev?.kill("SIGKILL"));
  for (const stream of [dev.stdout, dev.stderr]) {
    stream?.on("data", (chunk) => {
      output += chunk;
      for (const check of [...waiters]) check();
    });
  }
  dev.once("exit", () => {
    for (const check of [...waiters]) check();
  });
  mockUrl = (await outputMatches(/ready: watching .* the sandbox is at (http:\/\/\S+),/))[1] ?? "";
});

afterAll(async () => {
  dev?.kill("SIGTERM");
  if (dir) await rm(dir, { recursive: true, force: true });
});

const served = async () => (await (await fetch(new URL("/openapi.json", mockUrl))).text()) as string;

it("starts with types generated from the spec and the sandbox serving it", async () => {
  expect(await readFile(types, "utf8")).toContain("PaymentCustomersProductModel");
  expect(await served()).not.toContain("nickname_for_the_dev_test");
});

it("a saved field reaches the generated types and the mock's document", async () => {
  const document = JSON.parse(await readFile(spec, "utf8"));
  document.components.schemas.Contact.properties.nickname_for_the_dev_test = { type: "string", maxLength: 40 };
  const from = output.length;
  await writeFile(spec, JSON.stringify(document, null, 2));
  await Promise.all([outputMatches(/types│ wrote /, from), outputMatches(/spec reloaded from /, from)]);
  expect(await readFile(types, "utf8")).toMatch(/nickname_for_the_dev_test\?: string/);
  expect(await served()).toContain("nickname_for_the_dev_test");
});

it("a save with a dangling $ref is named with where it is; the last good types and document stay", async () => {
  const document = JSON.parse(await readFile(spec, "utf8"));
  document.components.schemas.Contact.properties.broken = { $ref: "#/components/schemas/Nope" };
  const from = output.length;
  await writeFile(spec, JSON.stringify(document, null, 2));
  const [message] = await outputMatches(
    /not regenerated:[\s\S]*?dangling \$ref "#\/components\/schemas\/Nope"[^\n]*/,
    from,
  );
  expect(message).toContain("#/components/schemas/Contact/properties/broken");
  expect(await readFile(types, "utf8")).toMatch(/nickname_for_the_dev_test\?: string/);
  expect(dev?.exitCode).toBeNull();
});
