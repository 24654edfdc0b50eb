// `pnpm generate [--check] [--spec <file>] [--out <file>]`: writes (or, with --check or in CI, checks)
// src/generated/openapi.ts; the work is in generate-command.mjs.
import { generate } from "./generate-command.mjs";

const { code, message } = await generate(process.argv.slice(2));
if (code === 0) console.log(message);
else console.error(message);
process.exitCode = code;
