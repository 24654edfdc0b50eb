// Today's Node: the client's contract scenario (packages/client/test/runtimes/contract-scenario.ts) against the
// mock's bin, and the mock's end-to-end tests with the client (apps/mock/test/with-client), on Node 22, 24 and 26,
// with binaries from the npm registry (src/node-binary.ts). The rest of the suite runs on the Node that runs it
// (20 in CI); the README's support table says which ran where.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, it } from "vitest";
import { run } from "../src/command.js";
import { nodeBinary, OTHER_NODE_MAJORS, versionOf } from "../src/node-binary.js";
import { cleanEnvironment } from "../src/npm-environment.js";
import { repositoryRoot } from "../src/working-tree.js";

let root: string;
let dir: string;
let scenario: string;
let silentUrl: string;
const binaries = new Map<number, string>();
const held: Socket[] = [];
const silent = createServer((socket) => {
  socket.on("error", () => {}); // the scenario's timeout resets it
  held.push(socket);
});
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

beforeAll(async () => {
  root = await repositoryRoot();
  dir = await mkdtemp(join(tmpdir(), "payment-customers-node-versions-"));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  const [bundle] = await Promise.all([
    build({
      entryPoints: [join(root, "packages/client/test/runtimes/contract-scenario.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node18",
      write: false,
    }),
    ...OTHER_NODE_MAJORS.map(async (major) => binaries.set(major, await nodeBinary(root, major))),
  ]);
  scenario = join(dir, "scenario.mjs");
  await writeFile(
    scenario,
    `${bundle.outputFiles[0]?.text}\nconsole.log(JSON.stringify(await globalThis.runContractScenario(JSON.parse(process.argv[2]))));\n`,
  );
});

afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The environment of a child on `node`: that Node first on the PATH, none of the parent runner's npm settings.
const onNode = (node: string) => ({ ...cleanEnvironment(), PATH: `${dirname(node)}${delimiter}${process.env.PATH}` });

// The mock's own bin on `node`; resolves with its URL once it listens.
async function startMockBin(node: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = join(root, "apps/mock/bin/payment-customers-mock.js");
  const child = spawn(node, [bin, "--static", "--port", "0", "--host", "127.0.0.1"], { env: onNode(node) });
  children.add(child);
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => reject(new Error(`the mock exited with ${code} before listening:\n${output}`)));
  });
  return { url, child };
}

// Concurrent: most of each test is waiting on child processes (a vitest run waits out a 5 s token lifetime), so the
// three Nodes' tests share the wait instead of queueing (Vitest's maxConcurrency, 5, bounds how many run at once).
describe.concurrent.each(OTHER_NODE_MAJORS)("Node %i", (major) => {
  const node = () => binaries.get(major) ?? "";

  it("is the Node the registry ships for that major", async ({ expect }) => {
    expect(await versionOf(node())).toMatch(new RegExp(`^v${major}\\.`));
  });

  it("the client's contract scenario passes against the mock's bin, both on this Node", async ({ expect }) => {
    const mock = await startMockBin(node());
    try {
      const { stdout } = await run(node(), [scenario, JSON.stringify({ mockUrl: mock.url, silentUrl })], {
        cwd: dir,
        env: onNode(node()),
      });
      const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
      expect(result.sent[0]).toBe("POST /oauth/token");
      expect(result.created).toMatch(/^PCU_[A-Z0-9]{30}$/);
      expect(result.got).toBe(result.created);
      expect(result.notFound).toMatchObject({ failed: true, typed: true, kind: "not_found", status: 404 });
      expect(result.timeout).toMatchObject({ failed: true, typed: true, kind: "timeout" });
    } finally {
      mock.child.kill("SIGTERM");
    }
  });

  // The client against the sandbox, in-process and through the bin. The mock's other bin and lifecycle tests cost
  // minutes per Node on a loaded machine and exercise nothing that differs between Node versions beyond what the
  // contract scenario's run of the bin above does (start, listen, answer, stop on SIGTERM).
  it("the mock's end-to-end tests with the client pass on this Node", async ({ expect }) => {
    const files = ["test/with-client/contract.test.ts"];
    const { stdout } = await run(node(), [join(root, "node_modules/vitest/vitest.mjs"), "run", ...files], {
      cwd: join(root, "apps/mock"),
      env: { ...onNode(node()), NO_COLOR: "1" },
    });
    expect(stdout).toMatch(/Test Files\s+1 passed \(1\)/);
    expect(stdout).not.toMatch(/skipped/);
  });
});
