import { defineConfig } from "tsup";

// Two builds run side by side into dist/, so neither cleans it: the `build` script empties dist/ first.
export default defineConfig([
  // The library and the bin as ESM, sharing their chunks (the bin uses top-level await, so it has no CJS build).
  // The library's one declaration build: its index.d.ts is also the CJS build's index.d.cts (tsup writes the same
  // text for both; a second declaration build cost a TypeScript program of its own), copied by the `build` script.
  { entry: ["src/index.ts", "src/cli.ts"], format: ["esm"], dts: { entry: "src/index.ts" }, shims: true },
  // The library as CJS.
  { entry: ["src/index.ts"], format: ["cjs"], shims: true },
]);
