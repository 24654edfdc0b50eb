// The release as a maintainer runs it (`pnpm version-packages`, `pnpm release`) on a copy of this working tree,
// publishing to a local verdaccio; then projects outside the repo install the packages from it like users do.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSpecVersion } from "../../scripts/spec-version.mjs";
import { run } from "../src/command.js";
import { type LocalRegistry, startLocalRegistry } from "../src/local-registry.js";
import { cleanEnvironment, releaseEnvironment } from "../src/npm-environment.js";
import { makeTempDir } from "../src/temp-dir.js";
import { copyWorkingTree, repositoryRoot } from "../src/working-tree.js";

const published = [
  { name: "@payment-customers/types", dir: "packages/types" },
  { name: "@payment-customers/client", dir: "packages/client" },
  { name: "@payment-customers/mock", dir: "apps/mock" },
];
const fixtures = new URL("../fixtures/", import.meta.url);

let work: string;
let registry: LocalRegistry | undefined;
let repo: string;
let env: NodeJS.ProcessEnv;
let version: string;
let mock: { url: string; process: ChildProcess } | undefined;
const consumers: Record<string, string> = {};
let snapshot: Promise<{ value: Awaited<ReturnType<typeof rehearseSnapshot>> } | { error: unknown }> | undefined;

const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8"));
// A consumer's installed command, run directly: `npx` would start npm first to find it, at a second of CPU a call.
const bin = (dir: string, name: string) => join(dir, "node_modules/.bin", name);
const inRepo = (command: string, ...args: string[]) => run(command, args, { cwd: repo, env });

beforeAll(async () => {
  work = await makeTempDir("payment-customers-e2e-");
  repo = join(work, "repo");
  // Independent: verdaccio's start-up and the copy.
  const [started] = await Promise.all([
    startLocalRegistry(join(work, "registry")),
    repositoryRoot().then((root) => copyWorkingTree(root, repo)),
  ]);
  registry = started;
  env = await releaseEnvironment(registry, work);
  await writeFile(join(repo, ".npmrc"), `registry=${registry.url}\n`, { flag: "a" });
  // What the release needs: the published packages, their builds' tools and the root's. The workspace's consumers that
  // are never published (e2e with verdaccio, bench, demo) would add a quarter to the install and nothing to the test.
  const unpublished = ["@payment-customers/e2e", "@payment-customers/bench", "@payment-customers/demo"];
  // No dependency build scripts either: the ones allowed (pnpm-workspace.yaml) serve the tests, not the release: bun's
  // copies its 90 MB binary for the client's runtime tests (two thirds of the install's CPU time), esbuild's only
  // checks its binary, which tsup finds in esbuild's platform package without it.
  const install = ["install", "--offline", "--frozen-lockfile", "--ignore-scripts"];
  await inRepo("pnpm", ...install, ...unpublished.map((name) => `--filter=!${name}`));
  // changeset publish tags the release in git; the copy gets a repository of its own.
  await inRepo("git", "init", "--quiet", "--initial-branch=main");
  await inRepo("git", "add", "--all");
  await inRepo("git", "commit", "--quiet", "-m", "copy");
});

afterAll(async () => {
  await snapshot; // its commands run in the copy and publish to the registry
  if (mock && mock.process.exitCode === null) {
    mock.process.kill("SIGTERM");
    await once(mock.process, "exit");
  }
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("release to a local registry", () => {
  it("the registry has no uplinks: it serves nothing it was not given", async () => {
    const response = await fetch(new URL("openapi-fetch", registry?.url));
    expect(response.status).toBe(404);
  });

  it("pnpm version-packages with an option Changesets does not take is refused, and nothing changes", async () => {
    const refused = await failureOf(inRepo("pnpm", "version-packages", "--snapshot", "canary", "--dry-run"));
    expect(refused).toContain('unknown option "--dry-run"; nothing was changed');
    expect((await inRepo("git", "status", "--porcelain")).stdout).toBe("");
  });

  it("pnpm version-packages bumps the three packages together and writes their version into the spec", async () => {
    const before = (await readJson(join(repo, published[0]?.dir ?? "", "package.json"))).version;
    await writeFile(
      join(repo, ".changeset/e2e-release.md"),
      `---\n${published.map(({ name }) => `"${name}": patch`).join("\n")}\n---\n\nRelease made by the e2e test.\n`,
    );
    await inRepo("pnpm", "version-packages");

    const versions = await Promise.all(
      published.map(async ({ dir }) => (await readJson(join(repo, dir, "package.json"))).version),
    );
    version = versions[0];
    expect(new Set(versions)).toEqual(new Set([version]));
    expect(version).not.toBe(before);
    const spec = await readFile(join(repo, "spec/openapi.yaml"), "utf8");
    expect(spec).toMatch(new RegExp(`^info:\\n(?:  .*\\n|\\n)*?  version: ${version.replaceAll(".", "\\.")}$`, "m"));
    expect(await readFile(join(repo, "spec/released/openapi.yaml"), "utf8")).toBe(spec);
    for (const { dir } of published) {
      expect(await readFile(join(repo, dir, "CHANGELOG.md"), "utf8")).toContain(`## ${version}`);
    }
    const pending = (await readdir(join(repo, ".changeset"))).filter(
      (file) => file.endsWith(".md") && file !== "README.md",
    );
    expect(pending).toEqual([]);
    await inRepo("node", "scripts/check-spec-version.mjs");
  });

  it("pnpm release publishes them with changeset publish to the local registry, and nowhere else", async () => {
    const url = registry?.url;
    // Every way npm and pnpm pick a registry points at the local one.
    expect((await inRepo("npm", "config", "get", "registry")).stdout.trim()).toBe(url);
    expect((await inRepo("npm", "config", "get", "@payment-customers:registry")).stdout.trim()).toBe(url);
    expect((await inRepo("pnpm", "config", "get", "registry")).stdout.trim()).toBe(url);
    expect(env.npm_config_registry).toBe(url);
    const npmrcFiles = [join(repo, ".npmrc"), env.npm_config_userconfig ?? "", env.npm_config_globalconfig ?? ""];
    for (const file of npmrcFiles) expect(await readFile(file, "utf8")).not.toMatch(/npmjs|yarnpkg/);
    for (const value of Object.values(env)) expect(value ?? "").not.toMatch(/registry\.(npmjs\.org|yarnpkg\.com)/);
    for (const { dir } of published) {
      expect((await readJson(join(repo, dir, "package.json"))).publishConfig?.registry).toBeUndefined();
    }
    // Even a registry named on the command line is out of reach: every other host goes to the dead proxy.
    const publicPing = await failureOf(
      inRepo("npm", "ping", "--registry=https://registry.npmjs.org/", "--fetch-retries=0"),
    );
    expect(publicPing).toMatch(/ECONNREFUSED/);

    await inRepo("pnpm", "release");

    for (const { name } of published) {
      const packument = await readJson(join(registry?.storage ?? "", name, "package.json"));
      expect(packument["dist-tags"].latest).toBe(version);
      const response = await fetch(new URL(name.replace("/", "%2f"), url));
      expect(response.status).toBe(200);
      const served = (await response.json()) as { versions: Record<string, { dist: { tarball: string } }> };
      expect(served.versions[version]?.dist.tarball.startsWith(url ?? "")).toBe(true);
      const tarball = `${name.split("/")[1]}-${version}.tgz`;
      expect((await stat(join(registry?.storage ?? "", name, tarball))).size).toBeGreaterThan(0);
    }
    // verdaccio logs each request; exactly the three packages were published (PUT answered 201), once each.
    const publishes = [...(registry?.log() ?? "").matchAll(/<-- 201\b.*'PUT \/@payment-customers%2f([a-z]+)'/g)];
    expect(publishes.map((match) => match[1]).sort(), registry?.log()).toEqual(["client", "mock", "types"]);
    const tags = (await inRepo("git", "tag", "--list")).stdout;
    for (const { name } of published) expect(tags).toContain(`${name}@${version}`);
  });

  it("each published tarball has a complete manifest, a README, and the files its exports name", async () => {
    const tarballs = join(work, "tarballs");
    await mkdir(tarballs, { recursive: true });
    for (const { name, dir } of published) {
      const file = join(tarballs, `${name.split("/")[1]}-${version}.tgz`);
      const response = await fetch(new URL(`${name}/-/${name.split("/")[1]}-${version}.tgz`, registry?.url));
      expect(response.status).toBe(200);
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      const unpacked = join(tarballs, name.split("/")[1] ?? "");
      await mkdir(unpacked);
      await run("tar", ["-xzf", file, "-C", unpacked], { cwd: tarballs });
      const root = join(unpacked, "package");
      const manifest = await readJson(join(root, "package.json"));
      // Soft: one run lists every package's every problem.
      const check = (value: unknown, what: string) => expect.soft(value, `${name}: ${what}`);

      check(manifest.version, "version").toBe(version);
      check(manifest.license, "license").toBe("MIT");
      check(manifest.repository, "repository").toMatchObject({ type: "git", directory: dir });
      check(manifest.engines?.node, "engines.node").toMatch(/^>=\d+/);
      check(manifest.files, "files").toContain("dist");
      check(typeof manifest.sideEffects === "boolean" || Array.isArray(manifest.sideEffects), "sideEffects").toBe(true);
      check(manifest.types, "types").toBeTypeOf("string");
      check(manifest.exports?.["."], 'exports["."]').toBeDefined();
      check(JSON.stringify(manifest), "no workspace: ranges").not.toContain("workspace:");
      check((await readFile(join(root, "README.md"), "utf8").catch(() => "")).length, "README.md").toBeGreaterThan(200);
      const shippedSpec = await readFile(join(root, "dist/openapi.yaml"), "utf8").catch(() => undefined);
      if (shippedSpec) check(readSpecVersion(shippedSpec), "info.version of the shipped spec").toBe(version);
      for (const target of exportTargets(manifest.exports)) {
        check((await stat(join(root, target)).catch(() => undefined))?.isFile(), `exported ${target}`).toBe(true);
      }

      // publint --strict and attw run in each package's own `test` on the packed package (the same files): running
      // them again on these tarballs cost about a minute of the suite and found nothing those did not.
    }
  });

  it("installs from the registry into projects outside the repo and starts the published mock with its bin", async () => {
    // The snapshot rehearsal (versioning and a second build of the copy) needs nothing the consumers do: it runs
    // while they install and compile, and its test at the end checks what it did.
    snapshot = settled(rehearseSnapshot());
    const projects = {
      mock: { files: "", deps: ["@payment-customers/mock"] },
      "esm-nodenext": {
        files: "esm-nodenext",
        deps: ["@payment-customers/client", "@payment-customers/types", "typescript@5.9.3", "@types/node@^20.19.0"],
      },
      // What `npm i typescript` gives new users now: the current 7.x (native), which runs on Node 20 too.
      "typescript-7": {
        files: "esm-nodenext",
        deps: ["@payment-customers/client", "@payment-customers/types", "typescript@7", "@types/node@^20.19.0"],
      },
      commonjs: { files: "commonjs", deps: ["@payment-customers/client"] },
      bundler: { files: "bundler", deps: ["@payment-customers/client", "typescript@5.9.3", "esbuild@0.28.2"] },
    };
    await Promise.all(
      Object.entries(projects).map(async ([project, { files, deps }]) => {
        const dir = join(work, "consumers", project);
        await mkdir(dir, { recursive: true });
        if (files) await cp(new URL(files, fixtures), dir, { recursive: true });
        const type = project === "commonjs" ? "commonjs" : "module";
        await writeFile(join(dir, "package.json"), JSON.stringify({ name: `e2e-${project}`, private: true, type }));
        // Only our scope comes from the local registry; third-party packages from the machine's usual registry.
        await writeFile(join(dir, ".npmrc"), `@payment-customers:registry=${registry?.url}\n`);
        const specs = deps.map((dep) => (dep.startsWith("@payment-customers/") ? `${dep}@${version}` : dep));
        await run("npm", ["install", "--no-audit", "--no-fund", "--save-exact", ...specs], {
          cwd: dir,
          env: cleanEnvironment(),
        });
        consumers[project] = dir;
      }),
    );
    // Each consumer got the exact tarballs the local registry holds.
    for (const [project, dir] of Object.entries(consumers)) {
      const lock = await readJson(join(dir, "package-lock.json"));
      for (const { name } of published) {
        const installed = lock.packages[`node_modules/${name}`];
        if (!installed) continue;
        const packument = await readJson(join(registry?.storage ?? "", name, "package.json"));
        expect(installed.integrity, `${project}: ${name}`).toBe(packument.versions[version].dist.integrity);
      }
    }
    // The published mock outside the workspace (no pnpm overrides): its own dependencies pin the Node 20 versions of
    // Prism's packages, and npm installed no other (newer ones need Node 24).
    const tree = await run("npm", ["ls", "--all", "--parseable", "--long"], {
      cwd: consumers.mock ?? "",
      env: cleanEnvironment(),
    });
    const prism = tree.stdout.split("\n").filter((line) => line.includes("@stoplight/prism-"));
    expect(new Set(prism.map((line) => line.split(":")[1]))).toEqual(
      new Set(["@stoplight/prism-core@5.8.0", "@stoplight/prism-http@5.12.0"]),
    );
    mock = await startPublishedMock(consumers.mock ?? "");
    const token = await fetch(new URL("oauth/token", mock.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=e2e-client&client_secret=e2e-secret",
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const list = await fetch(new URL("api/v2/Payment/Customers", mock.url), {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ count: 0, data: [] });
  });

  // The four consumer checks are independent (each its own project, all calling the one mock): they run concurrently.
  it.concurrent.each([
    ["esm-nodenext", /^Version 5\.9\./],
    ["typescript-7", /^Version 7\./],
  ])(
    "Node ESM with TypeScript (%s): tsc is clean for the project and the client README's quickstart, then the compiled code calls the mock",
    async (project, version) => {
      const dir = consumers[project] ?? "";
      const tsc = bin(dir, "tsc");
      const { stdout } = await run(tsc, ["--version"], { cwd: dir, env: cleanEnvironment() });
      expect(stdout.trim()).toMatch(version);
      // The quickstart as pasted into a fresh project set up as the README says ("type": "module", its tsconfig.json).
      const quickstart = join(dir, "quickstart");
      await writeQuickstart(quickstart);
      // One tsc for both projects (build mode parses the lib and @types/node files they share once): it reports every
      // type error of each and writes their code, the project's for the next step (the quickstart's goes unused).
      await run(tsc, ["--build", ".", "quickstart"], { cwd: dir, env: cleanEnvironment() });
      expectCustomerCalls(
        await run("node", ["out/customers.js", mock?.url ?? ""], { cwd: dir, env: cleanEnvironment() }),
      );
    },
  );

  it.concurrent("CommonJS: require() of the client calls the mock", async () => {
    const dir = consumers.commonjs ?? "";
    expectCustomerCalls(await run("node", ["customers.cjs", mock?.url ?? ""], { cwd: dir, env: cleanEnvironment() }));
  });

  it.concurrent("TypeScript (bundler) and an esbuild browser bundle of the client: tsc is clean and the bundle calls the mock", async () => {
    const dir = consumers.bundler ?? "";
    await run(bin(dir, "tsc"), ["--noEmit", "-p", "."], { cwd: dir, env: cleanEnvironment() });
    const bundle = [
      "customers.ts",
      "--bundle",
      "--platform=browser",
      "--format=esm",
      `--define:MOCK_URL=${JSON.stringify(mock?.url)}`,
      "--outfile=out/customers.mjs",
    ];
    await run(bin(dir, "esbuild"), bundle, { cwd: dir, env: cleanEnvironment() });
    const code = await readFile(join(dir, "out/customers.mjs"), "utf8");
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);
    expectCustomerCalls(await run("node", ["out/customers.mjs"], { cwd: dir, env: cleanEnvironment() }));
  });

  // Last: the consumers above installed the release (an exact version) while the snapshot was published; a snapshot
  // must not move `latest` away from it.
  it("a snapshot release: version-packages --snapshot canary, then release --tag canary; latest stays the release", async () => {
    const rehearsal = await snapshot;
    if (!rehearsal) throw new Error("the snapshot rehearsal did not start: the consumers' test did not run");
    if ("error" in rehearsal) throw rehearsal.error;
    const { versions, spec, releasedSpec, releasedSpecAfter, refusedUntagged } = rehearsal.value;
    const snapshotVersion = versions[0];
    expect(new Set(versions)).toEqual(new Set([snapshotVersion]));
    expect(snapshotVersion).toMatch(/^\d+\.\d+\.\d+-canary-\d{14}$/);
    expect(readSpecVersion(spec)).toBe(snapshotVersion);
    expect(releasedSpecAfter).toBe(releasedSpec);
    expect(refusedUntagged).toContain("publish it under a dist-tag");
    for (const { name } of published) {
      const packument = await readJson(join(registry?.storage ?? "", name, "package.json"));
      expect(packument["dist-tags"]).toMatchObject({ latest: version, canary: snapshotVersion });
    }
  });
});

/**
 * In the copy, after the release: a canary changeset, `pnpm version-packages --snapshot canary`, `pnpm release`
 * (refused: no dist-tag), then `pnpm release --tag canary --no-git-tag`. Resolves with what the test checks.
 */
async function rehearseSnapshot() {
  const releasedSpec = await readFile(join(repo, "spec/released/openapi.yaml"), "utf8");
  await writeFile(
    join(repo, ".changeset/e2e-canary.md"),
    `---\n${published.map(({ name }) => `"${name}": minor`).join("\n")}\n---\n\nA canary of the e2e test.\n`,
  );
  await inRepo("pnpm", "version-packages", "--snapshot", "canary");
  const versions: string[] = await Promise.all(
    published.map(async ({ dir }) => (await readJson(join(repo, dir, "package.json"))).version),
  );
  const spec = await readFile(join(repo, "spec/openapi.yaml"), "utf8");
  const releasedSpecAfter = await readFile(join(repo, "spec/released/openapi.yaml"), "utf8");
  const refusedUntagged = await failureOf(inRepo("pnpm", "release"));
  await inRepo("pnpm", "release", "--tag", "canary", "--no-git-tag");
  return { versions, spec, releasedSpec, releasedSpecAfter, refusedUntagged };
}

// A promise that never rejects (a failure started in one test is reported by the test that awaits it).
const settled = <T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

// The error message of a command that failed, undefined when it succeeded.
const failureOf = (command: Promise<unknown>) =>
  command.then(
    () => undefined,
    (error: Error) => error.message,
  );

/** The client README's quickstart: its tsconfig.json and its code, with the package.json a fresh project gets. */
async function writeQuickstart(dir: string) {
  const readme = await readFile(join(await repositoryRoot(), "packages/client/README.md"), "utf8");
  const quickstart = readme.slice(readme.indexOf("## Quickstart"));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "quickstart", private: true, type: "module" }));
  await writeFile(join(dir, "tsconfig.json"), /```json\n([\s\S]*?)```/.exec(quickstart)?.[1] ?? "");
  await writeFile(join(dir, "quickstart.ts"), /```ts\n([\s\S]*?)```/.exec(quickstart)?.[1] ?? "");
}

function expectCustomerCalls({ stdout }: { stdout: string }) {
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
  expect(result.created).toMatch(/^PCU_[A-Z0-9]{30}$/);
  expect(result.fetched).toMatch(/^PCU_[A-Z0-9]{30}$/);
  expect(result.deleted).toMatch(/^PCU_[A-Z0-9]{30}$/);
  expect(result.listed).toBeGreaterThan(0);
}

function exportTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (!exports || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

// The published mock's own bin, on a free port; resolves with the URL it prints once it listens.
async function startPublishedMock(dir: string): Promise<{ url: string; process: ChildProcess }> {
  const bin = join(dir, "node_modules/.bin/payment-customers-mock");
  const child = spawn(bin, ["--port", "0", "--host", "127.0.0.1"], { cwd: dir, env: cleanEnvironment() });
  process.once("exit", () => child.kill("SIGKILL")); // also when a test fails or times out before afterAll
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const url = /http:\/\/127\.0\.0\.1:(?!0\b)\d+/.exec(output)?.[0];
    if (url) return { url: `${url}/`, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`The published mock did not start:\n${output}`);
}
