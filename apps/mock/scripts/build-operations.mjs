// `node scripts/build-operations.mjs dist`: writes dist/operations.json, Prism's operations of the bundled spec
// (dist/openapi.json), as Prism's getHttpOperationsFromSpec computes them. A start on the bundled spec reads this
// file instead of loading Prism's spec readers and dereferencing the document (src/bundled-spec.ts); a `--spec`
// file is still read at run time. Prism's operations hold no cycles (it decycles them), so JSON keeps them whole;
// test/bundled-operations.test.ts checks that the shipped file equals what Prism computes.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const target = process.argv[2];
if (!target) throw new Error("usage: build-operations.mjs <directory holding openapi.json>");
const { getHttpOperationsFromSpec } = createRequire(import.meta.url)("@stoplight/prism-http");
// Prism dereferences the document it is given: it gets the parsed JSON, as the runtime path does.
const document = JSON.parse(await readFile(resolve(target, "openapi.json"), "utf8"));
const operations = await getHttpOperationsFromSpec(document);
await writeFile(resolve(target, "operations.json"), JSON.stringify(operations));
