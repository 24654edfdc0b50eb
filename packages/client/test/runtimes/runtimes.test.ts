// The runtimes the README promises besides Node: Chromium (a page and a worker), Bun and Deno. Each runs the
// contract scenario (contract-scenario.ts, bundled with esbuild from the sources) against the mock of global-setup.ts.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ScenarioResult, ScenarioUrls } from "./contract-scenario.js";

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

/** Debian's `chromium` (or CHROMIUM_PATH), if installed: `.ci/run` installs it where it can. */
const chromiumPath = [
  process.env.CHROMIUM_PATH,
  ...(process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "chromium")),
].find((path) => path && existsSync(path));
// The flags that work as root in a container (no sandbox), with nothing fetched in the background.
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

let urls: ScenarioUrls;
let bundle: string;
let dir: string;
const held: Socket[] = [];
const silent = createServer((socket) => {
  // Runtimes that exit reset their connections: that is expected here.
  socket.on("error", () => {});
  held.push(socket);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as { port: number };
  urls = { mockUrl: inject("mockUrl"), silentUrl: `http://127.0.0.1:${port}` };
  const built = await build({
    entryPoints: [fileURLToPath(new URL("./contract-scenario.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  bundle = built.outputFiles[0]?.text ?? "";
  dir = await mkdtemp(join(tmpdir(), "client-runtimes-"));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

function expectContract(result: ScenarioResult, silentUrl = urls.silentUrl) {
  expect(result.sent[0]).toBe("POST /oauth/token");
  expect(result.sent.filter((sent) => sent === "POST /oauth/token")).toHaveLength(1);
  expect(result.created).toMatch(/^PCU_[A-Z0-9]{30}$/);
  expect(result.got).toBe(result.created);
  expect(result.notFound).toMatchObject({ failed: true, typed: true, kind: "not_found", status: 404 });
  expect(result.timeout).toMatchObject({ failed: true, typed: true, kind: "timeout" });
  expect(result.timeout).toMatchObject({ message: expect.stringContaining(new URL(silentUrl).origin) });
}

/** Runs the bundle as a script of a command-line runtime; the scenario's result is its last line of output. */
async function runScript(command: string, args: string[]): Promise<ScenarioResult> {
  const file = join(dir, `scenario-${command.split("/").at(-1)}.mjs`);
  await writeFile(
    file,
    `${bundle}\nconsole.log(JSON.stringify(await globalThis.runContractScenario(${JSON.stringify(urls)})));\n`,
  );
  const { stdout } = await run(command, [...args, file], {
    cwd: dir,
    timeout: 60_000,
    env: { ...process.env, DO_NOT_TRACK: "1", DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

describe("Bun", () => {
  it("runs the contract scenario against the mock", async () => {
    const { stdout } = await run(bin("bun"), ["--version"]);
    expect(stdout).toMatch(/^1\./);
    expectContract(await runScript(bin("bun"), ["run"]));
  });
});

describe("Deno", () => {
  it("runs the contract scenario against the mock (with --allow-net only)", async () => {
    expectContract(await runScript(bin("deno"), ["run", "--no-config", "--allow-net=127.0.0.1"]));
  });
});

/** A README snippet bundled as pasted, but with the client taken from the sources (`npm:` prefix or not). */
async function bundleSnippet(code: string): Promise<string> {
  const sources = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
  const built = await build({
    stdin: { contents: code, loader: "ts", resolveDir: fileURLToPath(new URL(".", import.meta.url)) },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    plugins: [
      {
        name: "client-from-sources",
        setup: (plugin) =>
          plugin.onResolve({ filter: /^(npm:)?@payment-customers\/client$/ }, () => ({ path: sources })),
      },
    ],
  });
  return built.outputFiles[0]?.text ?? "";
}

describe("the README's snippets, as pasted", () => {
  const readme = readFile(new URL("../../README.md", import.meta.url), "utf8");
  const env = { ...process.env, DO_NOT_TRACK: "1", DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };

  it("Deno: the Deno section's code with its command (network permission only, nothing from the environment)", async () => {
    const section = (await readme).split("### Deno")[1] ?? "";
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const command = /```sh\n([\s\S]*?)```/.exec(section)?.[1]?.trim() ?? "";
    expect(code).toContain('from "npm:@payment-customers/client"');
    expect(command).toBe("deno run --allow-net=127.0.0.1:4010 quickstart.ts");
    // The README's sandbox address becomes the test's mock, in the code and in the permission alike.
    const host = new URL(urls.mockUrl).host;
    await writeFile(join(dir, "quickstart.js"), (await bundleSnippet(code)).replaceAll("127.0.0.1:4010", host));
    const [, ...args] = command.replaceAll("127.0.0.1:4010", host).replace("quickstart.ts", "quickstart.js").split(" ");
    const { stdout } = await run(bin("deno"), args, { cwd: dir, timeout: 60_000, env });
    expect(stdout).toMatch(/^\d+ customers, the first: PCU_[A-Z0-9]{30}$/m);
  });

  it("Bun: the quickstart", async () => {
    const code = /```ts\n([\s\S]*?)```/.exec((await readme).slice((await readme).indexOf("## Quickstart")))?.[1] ?? "";
    expect(code).toContain('from "@payment-customers/client"');
    await writeFile(join(dir, "quickstart-bun.js"), await bundleSnippet(code));
    const { stdout } = await run(bin("bun"), ["run", "quickstart-bun.js"], {
      cwd: dir,
      timeout: 60_000,
      env: { ...env, PAYMENT_CUSTOMERS_URL: urls.mockUrl },
    });
    expect(stdout).toMatch(/^customer PCU_[A-Z0-9]{30}$/m);
    expect(stdout).toMatch(/^PCU_[A-Z0-9]{30} Muster/m);
  });
});

describe.runIf(chromiumPath)("Chromium (headless, driven by playwright-core)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * A page served at the mock's origin, so the API calls are same-origin (as behind a backend's proxy). The silent
   * server is a path there that is never answered: Chromium fails a cross-origin request to a silent port at once
   * ("Failed to fetch") instead of letting it hang.
   */
  async function pageAtMockOrigin() {
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    await context.route(`${urls.mockUrl}/runtime-test/silent/**`, () => {});
    await context.route(`${urls.mockUrl}/runtime-test/`, (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><title>client runtime test</title>" }),
    );
    await page.goto(`${urls.mockUrl}/runtime-test/`);
    return { page, warnings, scenarioUrls: { ...urls, silentUrl: `${urls.mockUrl}/runtime-test/silent` } };
  }

  it("runs the contract scenario in a page, and warns once about the client secret there", async () => {
    const { page, warnings, scenarioUrls } = await pageAtMockOrigin();
    await page.addScriptTag({ content: bundle, type: "module" });
    await page.waitForFunction(() => "runContractScenario" in globalThis);
    const result = await page.evaluate(
      (inPage) =>
        (
          globalThis as unknown as { runContractScenario: (u: ScenarioUrls) => Promise<ScenarioResult> }
        ).runContractScenario(inPage),
      scenarioUrls,
    );
    expectContract(result, scenarioUrls.silentUrl);
    expect(warnings.filter((warning) => warning.includes("clientSecret"))).toHaveLength(1);
  });

  it("does not follow a redirect: the browser's opaque redirect (status 0) is a typed error", async () => {
    const { page } = await pageAtMockOrigin();
    await page
      .context()
      .route(`${urls.mockUrl}/runtime-test/redirect/**`, (route) =>
        route.fulfill({ status: 307, headers: { location: "https://elsewhere.example/" } }),
      );
    await page.addScriptTag({ content: bundle, type: "module" });
    await page.waitForFunction(() => "runContractScenario" in globalThis);
    const error = await page.evaluate(async (environment) => {
      const { createPaymentCustomersClient } = globalThis as unknown as {
        createPaymentCustomersClient: typeof import("../../src/index.js").createPaymentCustomersClient;
      };
      const client = createPaymentCustomersClient({ environment, accessToken: "runtime-test-token" });
      return client.customers.list().then(
        () => undefined,
        (caught) => ({ kind: caught.kind, status: caught.status, message: caught.message }),
      );
    }, `${urls.mockUrl}/runtime-test/redirect`);
    expect(error).toMatchObject({ kind: "api", status: undefined });
    expect(error?.message).toContain("redirected (opaque)");
  });

  it("runs the contract scenario in a worker", async () => {
    const { page, scenarioUrls } = await pageAtMockOrigin();
    const result = await page.evaluate(
      ({ code, scenarioUrls }) =>
        new Promise<ScenarioResult>((resolve, reject) => {
          const script = `${code}\nself.onmessage = async (event) => postMessage(await globalThis.runContractScenario(event.data));`;
          const worker = new Worker(URL.createObjectURL(new Blob([script], { type: "text/javascript" })), {
            type: "module",
          });
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(scenarioUrls);
        }),
      { code: bundle, scenarioUrls },
    );
    expectContract(result, scenarioUrls.silentUrl);
  });
});

if (!chromiumPath) {
  describe("Chromium", () => {
    it.skip("skipped: no Chromium installed (apt-get install chromium, or set CHROMIUM_PATH)", () => {});
  });
}
