// Every fast-check property in this package's tests: a fixed, printed seed (see vitest.fast-check.mts at the root).
import { relative } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { setUpFastCheck } from "../../../vitest.fast-check.mjs";

setUpFastCheck(fc, () => {
  const { testPath, currentTestName } = expect.getState();
  return `${relative(process.cwd(), testPath ?? "")} > ${currentTestName}`;
});
