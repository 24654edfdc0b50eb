import { defineConfig } from "tsup";

// Two builds run side by side into dist/, so neither cleans it: the `build` script empties dist/ first.
export default defineConfig([
  // The library: ESM + CJS + types.
  { entry: ["src/index.ts"], format: ["esm", "cjs"], dts: true, shims: true },
  // The bin: ESM only (it uses top-level await).
  { entry: ["src/cli.ts"], format: ["esm"] },
]);
