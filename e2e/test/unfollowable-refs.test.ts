// A spec with a dangling and an external `$ref` (fixtures/specs/unfollowable-refs.yaml): `pnpm generate` and the
// breaking-change check each name both, with the file and line, and fail without a stack trace.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { run } from "../src/command.js";
import { repositoryRoot } from "../src/working-tree.js";

const fixture = fileURLToPath(new URL("../fixtures/specs/unfollowable-refs.yaml", import.meta.url));
const dangling =
  'dangling $ref "#/components/schemas/Costumer" at #/paths/~1customers~1{id}/get/responses/200/content/application~1json/schema';
const external =
  'external $ref "./errors.yaml#/components/responses/NotFound" at #/paths/~1customers~1{id}/get/responses/404';
let root: string;
let dir: string;
beforeAll(async () => {
  root = await repositoryRoot();
  dir = await mkdtemp(join(tmpdir(), "payment-customers-refs-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "it passed",
    (error: Error) => error.message,
  );

it("pnpm generate names each $ref it cannot follow and where, and writes nothing", async () => {
  const out = join(dir, "openapi.ts");
  const failure = await failureOf(
    run(process.execPath, ["scripts/generate.mjs", `--spec=${fixture}`, `--out=${out}`], {
      cwd: join(root, "packages/types"),
      env: { ...process.env, CI: "false" },
    }),
  );
  expect(failure).toContain(`${dangling} (${fixture}:23)`);
  expect(failure).toContain(`${external} (${fixture}:25)`);
  expect(failure).toContain("no types were generated");
  expect(failure).not.toMatch(/^\s+at /m); // no stack trace
});

it("the breaking-change check names them too, instead of crashing or passing with a blind spot", async () => {
  const failure = await failureOf(
    run(process.execPath, ["scripts/check-breaking-changes.mjs", `--released=${fixture}`, `--spec=${fixture}`], {
      cwd: root,
    }),
  );
  const shown = relative(root, fixture);
  expect(failure).toContain("cannot follow 4 $ref(s), so what they point to was not compared");
  expect(failure).toContain(`${dangling} (${shown}:23)`);
  expect(failure).toContain(`${external} (${shown}:25)`);
  expect(failure).not.toMatch(/^\s+at /m);
});
