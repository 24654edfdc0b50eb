// What a mode loads: importing the package loads no Prism and no faker; a start loads Prism's router and validators
// but not its mocker (until an answer from the examples), its spec readers (the bundled spec's operations come from
// the build), pino, faker or lodash/fp. Each case runs in a new Node process, so nothing is in its module cache before.
// Every case imports the package first: what that import loaded is read in the same process, before the case's code
// (a process for the import alone cost a Node start and the import once more).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const entry = new URL("../../dist/index.js", import.meta.url).href;

type Loaded = Record<"prism" | "faker" | "mocker" | "specReaders" | "pino" | "lodashFp", boolean>;

/** What the package's import loaded, and what was loaded once `code` ran after it, in one new Node process. */
function loadedAfterImportAnd(code: string): { imported: Loaded; after: Loaded } {
  const script = `
import { createRequire } from "node:module";
const loaded = () => {
  const files = Object.keys(createRequire(import.meta.url).cache);
  return {
    prism: files.some((file) => file.includes("@stoplight/prism-http/")),
    // faker's full build, with every locale (its English-only build comes with Prism's Postman support)
    faker: files.some((file) => /@faker-js\\/faker\\/dist\\/cjs\\/locales\\/de\\//.test(file)),
    mocker: files.some((file) => file.includes("@stoplight/prism-http/dist/mocker/")),
    specReaders: files.some((file) => /@stoplight\\/(http-spec|json-schema-ref-parser)\\//.test(file)),
    pino: files.some((file) => file.includes("/pino/")),
    lodashFp: files.some((file) => file.includes("/lodash/fp/")),
  };
};
const mock = await import(${JSON.stringify(entry)});
const imported = loaded();
${code}
console.log(JSON.stringify({ imported, after: loaded() }));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
}
const loadedAfter = (code: string): Loaded => loadedAfterImportAnd(code).after;

describe("lazy loading", () => {
  const none = { prism: false, faker: false, mocker: false, specReaders: false, pino: false, lodashFp: false };

  const answers = `
const token = await (await fetch(m.url + "/oauth/token", { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: "a", client_secret: "b" }) })).json();
const list = await fetch(m.url + "/api/v2/Payment/Customers", { headers: { authorization: "Bearer " + token.access_token } });
if (list.status !== 200) throw new Error("the list answered " + list.status);`;
  // The sandbox's start and first answers, and the import before them: read once, by the two tests below.
  let sandboxStart: ReturnType<typeof loadedAfterImportAnd> | undefined;
  const sandbox = () => {
    sandboxStart ??= loadedAfterImportAnd(`const m = await mock.startMock({ port: 0 });${answers}\nawait m.close();`);
    return sandboxStart;
  };

  it("importing the package loads neither Prism nor faker", () => {
    expect(sandbox().imported).toEqual(none);
  });

  it("a start and its first answers load Prism's router and validators only; an example answer loads the mocker", () => {
    expect(sandbox().after).toEqual({
      ...none,
      prism: true,
    });
    expect(
      loadedAfter(`const m = await mock.startMock({ port: 0, mode: "static" });${answers}\nawait m.close();`),
    ).toEqual({
      ...none,
      prism: true,
      mocker: true,
    });
    // A security failure is what calls lodash/fp (Prism tags the failed check): the stand-in loads it then.
    const unauthorised = `
const m = await mock.startMock({ port: 0 });
const answer = await fetch(m.url + "/api/v2/Payment/Customers");
if (answer.status !== 401) throw new Error("without a token the list answered " + answer.status);
await m.close();`;
    expect(loadedAfter(unauthorised)).toEqual({ ...none, prism: true, lodashFp: true });
  });

  it("a --spec file is read by Prism's spec readers", () => {
    const spec = JSON.stringify(new URL("../../dist/openapi.json", import.meta.url).pathname);
    expect(loadedAfter(`const m = await mock.startMock({ port: 0, spec: ${spec} }); await m.close();`)).toEqual({
      ...none,
      prism: true,
      specReaders: true,
    });
  });

  it("a proxy start loads Prism but not faker's locales (it never generates a body)", () => {
    const cli = JSON.stringify(new URL("../../dist/cli.js", import.meta.url).href);
    // The bin's own start: its arguments, then the command module, which resolves once the proxy listens.
    const start = `process.argv.splice(1, Infinity, "bin", "proxy", "http://127.0.0.1:9", "--port", "0", "--quiet");
const log = console.log;
console.log = () => {};
await import(${cli});
console.log = log;`;
    expect(loadedAfter(`${start}\nsetTimeout(() => process.exit(0), 0).unref();`)).toMatchObject({
      prism: true,
      faker: false,
    });
  });

  it("the faker stand-in loads the real faker when it is used", () => {
    // What Prism's generator gets for an x-faker schema: the stand-in, which works as faker does.
    const used = `
const m = await mock.startMock({ port: 0 });
const prism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http/dist/mocker/generator/JSONSchema.js", { paths: [${JSON.stringify(new URL("../..", import.meta.url).pathname)}] }));
const name = prism("@faker-js/faker").default.name.firstName();
if (typeof name !== "string" || name === "") throw new Error("no name from the stand-in");
await m.close();`;
    expect(loadedAfter(used)).toMatchObject({ prism: true, faker: true });
  });
});
