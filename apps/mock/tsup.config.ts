import { defineConfig } from "tsup";

// Two builds run side by side into dist/, so neither cleans it: the `build` script empties dist/ first.
export default defineConfig([
  // The library and the bin as ESM, sharing their chunks (the bin uses top-level await, so it has no CJS build).
  { entry: ["src/index.ts", "src/cli.ts"], format: ["esm"], dts: { entry: "src/index.ts" }, shims: true },
  // The library as CJS, with its types.
  { entry: ["src/index.ts"], format: ["cjs"], dts: true, shims: true },
]);
