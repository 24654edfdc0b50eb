// Keeps a copy of spec/openapi.yaml as spec/released/openapi.yaml: the baseline of the breaking-change check
// (scripts/check-breaking-changes.mjs). Run by `pnpm version-packages` once the new version is written.
import { copyFile, mkdir } from "node:fs/promises";

await mkdir(new URL("../spec/released/", import.meta.url), { recursive: true });
await copyFile(
  new URL("../spec/openapi.yaml", import.meta.url),
  new URL("../spec/released/openapi.yaml", import.meta.url),
);
console.log("spec/released/openapi.yaml is now the spec of this version");
