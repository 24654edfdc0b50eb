#!/usr/bin/env node
// `tsc7 [tsc options]`: TypeScript 7's own `tsc`, run in this process. Its package has a `tsc` bin like TypeScript
// 5.9's, so it gets a name of its own here; its launcher (lib/tsc.js, not exported) finds the native compiler for
// this platform and runs it with our arguments (`process.argv.slice(2)`).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const typescript = dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
await import(pathToFileURL(join(typescript, "lib/tsc.js")).href);
