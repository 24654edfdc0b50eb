// `pnpm run docs`: builds dist/, a static site the mock serves at `/` (and ships in its package):
// - dist/index.html and dist/reference/: the API reference, Scalar's API reference rendering the bundled spec
//   (spec/dist/openapi.json), every operation with its "Test Request" client; the page loads only its own files
//   (Scalar's standalone bundle is copied, not fetched from a CDN);
// - dist/openapi.yaml, dist/openapi.json: the bundled spec itself, which the page renders and offers to download;
// - dist/client/: the client's reference, TypeDoc from its TSDoc, with its README (the tested quickstart) as start page.
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Application } from "typedoc";

const here = new URL("../", import.meta.url);
const dist = new URL("dist/", here);
const reference = new URL("reference/", dist);
const client = new URL("../../packages/client/", here);
const read = (url) => readFile(url, "utf8");

const specDist = new URL("../../spec/dist/", here);
const spec = JSON.parse(await read(new URL("openapi.json", specDist)));

const escapeHtml = (text) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

await rm(dist, { recursive: true, force: true });
await mkdir(reference, { recursive: true });

const scalar = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");
await copyFile(scalar, new URL("scalar.standalone.js", reference));
for (const name of ["page.js", "page.css"]) await copyFile(new URL(`src/${name}`, here), new URL(name, reference));

const parts = { title: escapeHtml(spec.info.title) };
const template = await read(new URL("src/page.html", here));
// Each empty element with `data-inline="name"` gets that part as its content.
const page = template.replace(
  /(<(\w+)[^>]* data-inline="([\w.]+)"[^>]*>)(<\/\2>)/g,
  (_element, open, _tag, name, close) => {
    if (!(name in parts)) throw new Error(`src/page.html inlines an unknown part "${name}"`);
    return `${open.replace(` data-inline="${name}"`, "")}${parts[name]}${close}`;
  },
);
await writeFile(new URL("index.html", dist), page);
// The document itself, unchanged: the page renders it, and the header links it for download.
for (const name of ["openapi.yaml", "openapi.json"]) await copyFile(new URL(name, specDist), new URL(name, dist));

const typedoc = await Application.bootstrapWithPlugins({
  entryPoints: [new URL("src/index.ts", client).pathname],
  tsconfig: new URL("tsconfig.client.json", here).pathname,
  readme: new URL("README.md", client).pathname,
  name: "@payment-customers/client",
  disableSources: true,
  githubPages: false,
  navigationLinks: { "API reference": "../index.html" },
  // Types the client uses but does not export (e.g. the query path helpers) are documented where they are used.
  validation: { notExported: false },
  logLevel: "Warn",
  // The client's own typecheck reports its type errors; TypeDoc checking the same program again cost 2.4 CPU s a build.
  skipErrorChecking: true,
});
const project = await typedoc.convert();
if (!project) throw new Error("TypeDoc could not convert the client's sources");
await typedoc.generateDocs(project, new URL("client", dist).pathname);
if (typedoc.logger.hasErrors()) process.exitCode = 1;
