// Every fast-check property in this package's tests: a fixed, printed seed (see vitest.fast-check.mts at the root).
// The test files share worker processes (see vitest.config.ts), and with them one fast-check: set it up once per
// process, or each later file would add another plugin and print every seed line once more.
import { relative } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { setUpFastCheck } from "../../../vitest.fast-check.mjs";

const done = Symbol.for("@payment-customers/mock:fast-check set up");
const processState = globalThis as { [done]?: true };
if (!processState[done]) {
  processState[done] = true;
  setUpFastCheck(fc, () => {
    const { testPath, currentTestName } = expect.getState();
    return `${relative(process.cwd(), testPath ?? "")} > ${currentTestName}`;
  });
}
