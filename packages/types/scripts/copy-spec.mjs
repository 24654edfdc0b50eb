// Ships the bundled spec (built by the spec package) inside this package: ./openapi.yaml and ./openapi.json.
import { copyFile } from "node:fs/promises";

for (const name of ["openapi.yaml", "openapi.json"]) {
  await copyFile(new URL(`../../../spec/dist/${name}`, import.meta.url), new URL(`../dist/${name}`, import.meta.url));
}
