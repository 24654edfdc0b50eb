// Ships the bundled spec (built by the spec package) inside this package, next to the server that serves it.
import { copyFile } from "node:fs/promises";

for (const name of ["openapi.yaml", "openapi.json"]) {
  await copyFile(new URL(`../../../spec/dist/${name}`, import.meta.url), new URL(`../dist/${name}`, import.meta.url));
}
