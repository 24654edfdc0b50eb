// The spec shipped in dist/ (copied there at build time), and Prism's operations of it, computed at build time
// (scripts/build-operations.mjs): a start on the bundled spec reads two JSON files instead of loading Prism's spec
// readers, bundling the document and dereferencing it again.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { getHttpOperationsFromSpec } from "@stoplight/prism-http";

/** The bundled spec, copied next to this module at build time. */
export const specFile: string = fileURLToPath(new URL("./openapi.json", import.meta.url));

type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

const operationsFile = new URL("./operations.json", import.meta.url);

/** The bundled spec's document (it is bundled already: no `$ref` leaves the file). */
export async function readBundledSpec(): Promise<object> {
  return JSON.parse(await readFile(specFile, "utf8")) as object;
}

/** Prism's operations of the bundled spec, each read as a new copy (Prism and the engine may change them). */
export async function readBundledOperations(): Promise<Operations> {
  return JSON.parse(await readFile(operationsFile, "utf8")) as Operations;
}
