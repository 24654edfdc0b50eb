// What a mode loads: importing the package loads no Prism and no faker; a sandbox start loads Prism but not faker.
// Each case runs in a new Node process, so nothing is in its module cache before.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const entry = new URL("../../dist/index.js", import.meta.url).href;

function loadedAfter(code: string): { prism: boolean; faker: boolean } {
  const script = `
import { createRequire } from "node:module";
const mock = await import(${JSON.stringify(entry)});
${code}
const files = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({
  prism: files.some((file) => file.includes("@stoplight/prism-http/")),
  // faker's full build, with every locale (its English-only build comes with Prism's Postman support)
  faker: files.some((file) => /@faker-js\\/faker\\/dist\\/cjs\\/locales\\/de\\//.test(file)),
}));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
}

describe("lazy loading", () => {
  it("importing the package loads neither Prism nor faker", () => {
    expect(loadedAfter("")).toEqual({ prism: false, faker: false });
  });

  it("a sandbox start loads Prism but not faker; the stand-in loads the real faker when it is used", () => {
    expect(loadedAfter("const m = await mock.startMock({ port: 0 }); await m.close();")).toEqual({
      prism: true,
      faker: false,
    });
    // What Prism's generator gets for an x-faker schema: the stand-in, which works as faker does.
    const used = `
const m = await mock.startMock({ port: 0 });
const prism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http/dist/mocker/generator/JSONSchema.js", { paths: [${JSON.stringify(new URL("../..", import.meta.url).pathname)}] }));
const name = prism("@faker-js/faker").default.name.firstName();
if (typeof name !== "string" || name === "") throw new Error("no name from the stand-in");
await m.close();`;
    expect(loadedAfter(used)).toEqual({ prism: true, faker: true });
  });
});
