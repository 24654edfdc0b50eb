// `pnpm run docs`: builds dist/, a static site the mock serves at `/` (and ships in its package):
// - dist/index.html: the API reference, Redoc rendering the bundled spec (spec/dist/openapi.json) plus a section
//   for every schema, and the "Try it" console; one self-contained file that loads nothing from any other origin;
// - dist/openapi.yaml, dist/openapi.json: the bundled spec itself, to download;
// - dist/client/: the client's reference, TypeDoc from its TSDoc, with its README (the tested quickstart) as start page.
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Application } from "typedoc";

const here = new URL("../", import.meta.url);
const dist = new URL("dist/", here);
const client = new URL("../../packages/client/", here);
const read = (url) => readFile(url, "utf8");

const specDist = new URL("../../spec/dist/", here);
const spec = JSON.parse(await read(new URL("openapi.json", specDist)));

/** The spec as shown: the same document, plus one tag per schema so Redoc lists every schema on its own. */
function withSchemaSections(document) {
  const schemas = Object.keys(document.components?.schemas ?? {});
  const schemaTags = schemas.map((name) => ({
    name: `schema-${name}`,
    "x-displayName": name,
    description: `<SchemaDefinition schemaRef="#/components/schemas/${name}" />`,
  }));
  return {
    ...document,
    tags: [...(document.tags ?? []), ...schemaTags],
    "x-tagGroups": [
      { name: "Operations", tags: (document.tags ?? []).map((tag) => tag.name) },
      { name: "Schemas", tags: schemaTags.map((tag) => tag.name) },
    ],
  };
}

/**
 * Redoc's sidebar footer loads its logo from Redocly's CDN; the page must load nothing from another origin, so the
 * logo becomes an empty inline image (the "API docs by Redocly" credit stays). Fails loudly if Redoc changes it.
 */
function withoutCdnLogo(bundle) {
  const cdnLogo = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
  if (!bundle.includes(cdnLogo)) throw new Error(`Redoc no longer contains ${cdnLogo}: check what it loads now`);
  return bundle.replaceAll(cdnLogo, '"data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27/%3E"');
}

/** JSON or script text that is safe inside a <script> element. */
const scriptSafe = (text) => text.replaceAll("</script", "<\\/script").replaceAll("<!--", "<\\!--");

const escapeHtml = (text) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const redoc = createRequire(import.meta.url).resolve("redoc/bundles/redoc.standalone.js");
const parts = {
  title: escapeHtml(spec.info.title),
  "page.css": await read(new URL("src/page.css", here)),
  "spec.json": JSON.stringify(withSchemaSections(spec)).replaceAll("<", "\\u003c"),
  "redoc.standalone.js": scriptSafe(withoutCdnLogo(await readFile(redoc, "utf8"))),
  "page.js": scriptSafe(await read(new URL("src/page.js", here))),
};
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
// The document itself, unchanged, for the page's download button and header link.
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
});
const project = await typedoc.convert();
if (!project) throw new Error("TypeDoc could not convert the client's sources");
await typedoc.generateDocs(project, new URL("client", dist).pathname);
if (typedoc.logger.hasErrors()) process.exitCode = 1;
